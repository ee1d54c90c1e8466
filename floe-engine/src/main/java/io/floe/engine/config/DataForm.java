package io.floe.engine.config;

import io.floe.engine.ValuesRefused;
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

    /**
     * One field of a form.
     *
     * @param options the values a {@code select} field offers ({@code options} or {@code choices} in the config)
     */
    public record Field(String id, String prompt, String type, String value, List<String> options) {
        public Field {
            options = List.copyOf(options);
        }

        public Field(String id, String prompt, String type, String value) {
            this(id, prompt, type, value, List.of());
        }

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
                        text(get(f, "value")), options(f)));
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
     * What a person or a client sent to this form, checked: only declared fields, each with a value its type takes
     * ({@link FieldKind}). Returns the values as text, in the fields' order; a {@code null} value is a field left out.
     *
     * @param where the form's owner for messages, e.g. {@code "trigger start of flow build"}
     * @throws ValuesRefused naming every undeclared name, or the first field whose value its type does not take
     */
    public Map<String, Object> accept(String where, Map<String, ?> submitted) {
        Map<String, ?> in = submitted == null ? Map.of() : submitted;
        List<String> unknown = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(in.keySet())) {
            if (fields.stream().noneMatch(f -> f.id().equals(name))) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ValuesRefused(describe(where) + " has no field" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + ": " + (fields.isEmpty() ? "it takes no values"
                    : "send only its fields " + String.join(", ", fields.stream().map(Field::id).toList())));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : fields) {
            Object v = in.get(f.id());
            if (v == null) {
                continue;
            }
            FieldKind kind = FieldKind.of(f);
            String text = kind.accept(v, f.options()).orElseThrow(() -> new ValuesRefused("field " + f.id() + " of "
                    + describe(where) + " takes " + kind.wants()
                    + (kind == FieldKind.CHOICE ? " (" + String.join(", ", f.options()) + ")" : "") + ", not "
                    + shown(v, f)));
            out.put(f.id(), text);
        }
        return out;
    }

    private String describe(String where) {
        return "the form " + (title.isBlank() ? "" : "'" + title + "' ") + "of " + where;
    }

    /** A refused value as the message shows it: never a password's, and never long. */
    private static String shown(Object v, Field f) {
        if (f.secret()) {
            return "the value sent";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        String s = String.valueOf(v);
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
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
            if (!f.options().isEmpty()) {
                of.put("options", f.options());
            }
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

    private static List<String> options(Map<?, ?> field) {
        Object o = get(field, "options");
        if (o == null) {
            o = get(field, "choices");
        }
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(text(x)));
        }
        return out;
    }

    private static Map<?, ?> asMap(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object o) {
        if (o instanceof Double d && !d.isInfinite() && d == Math.rint(d)) {
            return Long.toString(d.longValue()); // an integer after a JSON round trip
        }
        return o == null ? "" : o.toString();
    }
}
