package io.floe.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Node and event options: free-form maps with string keys. Maps are kept sorted by key (as the original's JSON was)
 * and unmodifiable. Numbers may arrive as integers (YAML) or doubles (JSON); readers accept both.
 */
public final class Opts {
    private Opts() {}

    /** A deep, sorted, unmodifiable copy; nested maps get string keys. Null gives an empty map. */
    public static Map<String, Object> copy(Map<String, ?> in) {
        if (in == null || in.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, ?> e : in.entrySet()) {
            out.put(String.valueOf(e.getKey()), copyValue(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), copyValue(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(copyValue(o));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    /**
     * Merges {@code right} over {@code left} (floe-spec §2.11): right's keys win, except {@code env}, where both lists
     * are kept, left's first. If only one side has an env list, that list is used.
     */
    public static Map<String, Object> merge(Map<String, ?> left, Map<String, ?> right) {
        TreeMap<String, Object> out = new TreeMap<>();
        if (left != null) {
            out.putAll(left);
        }
        if (right != null) {
            for (Map.Entry<String, ?> e : right.entrySet()) {
                out.put(e.getKey(), e.getValue());
            }
            Object l = left == null ? null : left.get("env");
            Object r = right.get("env");
            if (l instanceof List<?> ll && r instanceof List<?> rl) {
                List<Object> env = new ArrayList<>(ll);
                env.addAll(rl);
                out.put("env", env);
            } else if (r instanceof List<?>) {
                out.put("env", r);
            } else if (l instanceof List<?>) {
                out.put("env", l);
            }
        }
        return copy(out);
    }

    public static String string(Map<String, ?> opts, String key) {
        Object v = opts == null ? null : opts.get(key);
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }

    /** An integer option; doubles from JSON are accepted when whole. Empty when absent or not a whole number. */
    public static java.util.OptionalLong integer(Map<String, ?> opts, String key) {
        Object v = opts == null ? null : opts.get(key);
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                return java.util.OptionalLong.of(n.longValue());
            }
        }
        if (v instanceof String s) {
            try {
                return java.util.OptionalLong.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return java.util.OptionalLong.empty();
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** A list of strings; scalars in the list are turned into text. Empty when absent or not a list. */
    public static List<String> strings(Map<String, ?> opts, String key) {
        Object v = opts == null ? null : opts.get(key);
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            out.add(o == null ? "" : o instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : o.toString());
        }
        return out;
    }

    public static boolean bool(Map<String, ?> opts, String key) {
        Object v = opts == null ? null : opts.get(key);
        return v instanceof Boolean b ? b : v instanceof String s && Boolean.parseBoolean(s.trim());
    }

    /** Only the string-valued entries (what a data node takes from a submission, floe-spec §3.7). */
    public static Map<String, Object> stringEntries(Map<String, ?> opts) {
        TreeMap<String, Object> out = new TreeMap<>();
        if (opts != null) {
            opts.forEach((k, v) -> {
                if (v instanceof String) {
                    out.put(k, v);
                }
            });
        }
        return copy(out);
    }
}
