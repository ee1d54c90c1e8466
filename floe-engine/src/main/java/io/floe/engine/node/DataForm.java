package io.floe.engine.node;

import io.floe.engine.config.Opts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data node's form (floe-spec §3.7): {@code opts.form = {title, fields: [{id, prompt, type, value}]}}. Keys are read
 * case-insensitively, as the original's decoder did ({@code Form}/{@code Fields}/{@code Id} work too).
 */
public final class DataForm {
    /** Status codes of an evaluation, as the original's. */
    public static final int COMPLETE = 0;
    public static final int BAD_INPUT = 1;
    public static final int NEEDS_MORE = 2;

    /** One field of a form. */
    public record Field(String id, String prompt, String type, String value) {
        /** A password: what is typed is passed to the run's tasks but never shown again ({@link SecretValues}). */
        public boolean secret() {
            return "password".equalsIgnoreCase(type.trim());
        }
    }

    /** The outcome of offering values to a form: a status, and the opts {@code {form, values}} to record and pass on. */
    public record Outcome(int status, Map<String, Object> opts) {}

    private final String title;
    private final List<Field> fields;

    private DataForm(String title, List<Field> fields) {
        this.title = title;
        this.fields = List.copyOf(fields);
    }

    /** The form in a node's opts; a node without one has an empty form (any submission completes it). */
    public static DataForm of(Map<String, ?> nodeOpts) {
        Map<?, ?> form = asMap(get(nodeOpts, "form"));
        List<Field> fields = new ArrayList<>();
        if (get(form, "fields") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> f = asMap(o);
                fields.add(new Field(text(get(f, "id")), text(get(f, "prompt")), text(get(f, "type")),
                        text(get(f, "value"))));
            }
        }
        return new DataForm(text(get(form, "title")), fields);
    }

    public String title() {
        return title;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The ids of its {@link Field#secret() secret} fields. */
    public java.util.Set<String> secretIds() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Field f : fields) {
            if (f.secret()) {
                out.add(f.id());
            }
        }
        return out;
    }

    /**
     * Offers submitted values: the string-valued entries only. All fields present → {@link #COMPLETE}; some missing →
     * {@link #NEEDS_MORE}.
     */
    public Outcome evaluate(Map<String, ?> submitted) {
        Map<String, Object> values = Opts.stringEntries(submitted);
        boolean missing = false;
        List<Object> outFields = new ArrayList<>();
        for (Field f : fields) {
            Object v = values.get(f.id());
            if (v == null) {
                missing = true;
            }
            Map<String, Object> of = new LinkedHashMap<>();
            of.put("id", f.id());
            of.put("prompt", f.prompt());
            of.put("type", f.type());
            of.put("value", v == null ? f.value() : v);
            outFields.add(of);
        }
        Map<String, Object> form = new TreeMap<>();
        form.put("title", title);
        form.put("fields", outFields);
        Map<String, Object> out = new TreeMap<>();
        out.put("form", form);
        out.put("values", values);
        return new Outcome(missing ? NEEDS_MORE : COMPLETE, Opts.copy(out));
    }

    private static Object get(Map<?, ?> m, String key) {
        if (m == null) {
            return null;
        }
        Object exact = m.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (key.equalsIgnoreCase(String.valueOf(e.getKey()))) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Map<?, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
