package io.floe.engine.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule for values typed into password fields of a form: the run keeps them (its tasks get them), but nothing
 * shown to people or clients carries them — run views, websocket events, task output. Where the opts embed their form
 * (a trigger's merged opts, a data node's {@code {form, values}}), the form says which fields are secret; for an
 * inbound event, the caller names them from the node's config.
 */
public final class SecretValues {
    /** What is shown instead of a secret value. */
    public static final String MASK = "********";

    private SecretValues() {}

    /**
     * {@code opts} with the values of secret fields replaced by {@link #MASK}: top-level entries, entries of a
     * {@code values} map, and the {@code value} of such fields in an embedded {@code form}. The fields are those the
     * embedded form declares secret plus {@code alsoSecret}. Returns {@code opts} itself when nothing is secret.
     */
    public static Map<String, Object> masked(Map<String, Object> opts, Set<String> alsoSecret) {
        Set<String> ids = new TreeSet<>(alsoSecret);
        DataForm embedded = DataForm.of(opts);
        ids.addAll(embedded.secretIds());
        if (ids.isEmpty() || !holdsAny(opts, ids)) {
            return opts;
        }
        Map<String, Object> out = new LinkedHashMap<>(opts);
        for (String id : ids) {
            out.computeIfPresent(id, (k, v) -> MASK);
        }
        out.computeIfPresent("values", (k, v) -> v instanceof Map<?, ?> m ? maskEntries(m, ids) : v);
        out.computeIfPresent("form", (k, v) -> v instanceof Map<?, ?> m ? maskForm(m, ids) : v);
        return out;
    }

    /**
     * The ids of every secret field in {@code forms} (the opts of every node that has a form): for events whose opts
     * do not embed their form, such as the values of an inbound form submission.
     */
    public static Set<String> secretIds(Iterable<Map<String, Object>> forms) {
        Set<String> out = new TreeSet<>();
        forms.forEach(opts -> out.addAll(DataForm.of(opts).secretIds()));
        return out;
    }

    private static boolean holdsAny(Map<String, Object> opts, Set<String> ids) {
        for (String id : ids) {
            if (opts.containsKey(id)) {
                return true;
            }
        }
        return opts.containsKey("values") || opts.containsKey("form");
    }

    /**
     * The values typed into secret fields, as the opts hold them (a trigger's merged opts, a data node's
     * {@code {form, values}}): what a task's output must not show either ({@link #lineMask}).
     */
    public static Set<String> typed(Map<String, Object> opts) {
        Set<String> ids = DataForm.of(opts).secretIds();
        Set<String> out = new TreeSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        Object values = opts.get("values");
        for (String id : ids) {
            addText(out, opts.get(id));
            if (values instanceof Map<?, ?> m) {
                addText(out, m.get(id));
            }
        }
        return out;
    }

    /**
     * Replaces every occurrence of these values in a line of output by {@link #MASK}, longest first (so a value that
     * contains another is masked whole). Values shorter than 3 characters are left alone: masking every "1" in a log
     * would hide more than it protects.
     */
    public static java.util.function.UnaryOperator<String> lineMask(Set<String> values) {
        List<String> longestFirst = values.stream().filter(v -> v.length() >= 3)
                .sorted((a, b) -> Integer.compare(b.length(), a.length())).toList();
        if (longestFirst.isEmpty()) {
            return line -> line;
        }
        return line -> {
            String out = line;
            for (String v : longestFirst) {
                if (out.contains(v)) {
                    out = out.replace(v, MASK);
                }
            }
            return out;
        };
    }

    private static void addText(Set<String> out, Object v) {
        if (v instanceof String text && !text.isBlank()) {
            out.add(text);
        }
    }

    /** A value of field {@code field} of a form, as it may be shown. */
    public static String shown(DataForm.Field field, String value) {
        return field.secret() && value != null && !value.isEmpty() ? MASK : value;
    }

    private static Map<String, Object> maskEntries(Map<?, ?> m, Set<String> ids) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), ids.contains(String.valueOf(k)) && v != null ? MASK : v));
        return out;
    }

    private static Map<String, Object> maskForm(Map<?, ?> form, Set<String> ids) {
        Map<String, Object> out = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if ("fields".equalsIgnoreCase(String.valueOf(k)) && v instanceof List<?> list) {
                out.put(String.valueOf(k), list.stream().map(f -> f instanceof Map<?, ?> fm ? maskField(fm, ids)
                        : f).toList());
            } else {
                out.put(String.valueOf(k), v);
            }
        });
        return out;
    }

    private static Object maskField(Map<?, ?> field, Set<String> ids) {
        Object id = null;
        for (Map.Entry<?, ?> e : field.entrySet()) {
            if ("id".equalsIgnoreCase(String.valueOf(e.getKey()))) {
                id = e.getValue();
            }
        }
        if (id == null || !ids.contains(String.valueOf(id))) {
            return field;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        field.forEach((k, v) -> out.put(String.valueOf(k), "value".equalsIgnoreCase(String.valueOf(k))
                && v != null && !String.valueOf(v).isEmpty() ? MASK : v));
        return out;
    }
}
