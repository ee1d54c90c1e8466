package io.floe.engine.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of a known shape (the top, {@code common}, a flow, a node) read field by field. Every value keeps
 * its line; a value of the wrong type is reported with the key, the expected type and the line, and reads as the
 * field's zero value so the rest of the document is still checked. Unknown keys are reported as warnings.
 */
final class YamlMap {
    private final Map<String, NodeTuple> entries;
    private final int line;
    private final String path;
    private final Problems problems;
    private final YamlValues values;

    private YamlMap(Map<String, NodeTuple> entries, int line, String path, Problems problems, YamlValues values) {
        this.entries = entries;
        this.line = line;
        this.path = path;
        this.problems = problems;
        this.values = values;
    }

    /**
     * Reads {@code node}'s keys, warning about those not in {@code known}. Merge keys ({@code <<: *anchor}) are
     * honoured, with keys written in the map itself winning; of two equal keys the later wins, as in the original.
     */
    static YamlMap of(MappingNode node, String path, Problems problems, YamlValues values, List<String> known) {
        Map<String, NodeTuple> own = new LinkedHashMap<>();
        List<Node> merged = new ArrayList<>();
        for (NodeTuple t : node.getValue()) {
            Node k = t.getKeyNode();
            if (k.getTag().equals(Tag.MERGE)) {
                merged.add(t.getValueNode());
                continue;
            }
            if (!(k instanceof ScalarNode s)) {
                problems.error(line(k), path, "keys must be plain text, not " + problems.describe(k));
                continue;
            }
            NodeTuple before = own.put(s.getValue(), t);
            if (before != null) {
                problems.warn(line(k), path, "key '" + s.getValue() + "' is also set on line "
                        + line(before.getKeyNode()) + "; this later value is used");
            }
        }
        Map<String, NodeTuple> all = new LinkedHashMap<>(own);
        for (Node m : merged) {
            for (MappingNode source : mergeSources(m, path, problems)) {
                for (NodeTuple t : source.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode s) {
                        all.putIfAbsent(s.getValue(), t);
                    }
                }
            }
        }
        for (Map.Entry<String, NodeTuple> e : all.entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.warn(line(e.getValue().getKeyNode()), path, unknownKey(problems, e.getKey(), known));
            }
        }
        return new YamlMap(all, line(node), path, problems, values);
    }

    private static List<MappingNode> mergeSources(Node m, String path, Problems problems) {
        if (m instanceof MappingNode map) {
            return List.of(map);
        }
        List<MappingNode> out = new ArrayList<>();
        if (m instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                if (n instanceof MappingNode map) {
                    out.add(map);
                }
            }
            if (out.size() == seq.getValue().size()) {
                return out;
            }
        }
        problems.error(line(m), path, "'<<' must name a map or a list of maps to merge in");
        return out;
    }

    private static String unknownKey(Problems problems, String key, List<String> known) {
        String hint = "";
        for (String k : known) {
            if (distance(key, k) <= 2) {
                hint = "did you mean '" + k + "'? ";
                break;
            }
        }
        return "unknown key " + problems.quote(key, "(not shown)") + " ignored (" + hint + "known: "
                + String.join(", ", known) + ")";
    }

    /** Edit distance, for "did you mean" hints on misspelt keys. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The 1-based line the map starts on. */
    int line() {
        return line;
    }

    /** The 1-based line of {@code key}'s value, or of the map when the key is absent. */
    int lineOf(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? line : line(t.getValueNode());
    }

    /** The 1-based line of {@code key} itself, or of the map when the key is absent. */
    int keyLineOf(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? line : line(t.getKeyNode());
    }

    boolean has(String key) {
        return entries.containsKey(key) && !isNull(entries.get(key).getValueNode());
    }

    /** The value node, or null when absent. */
    Node node(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** A text value; any scalar is taken as written (as the original did), absent or null is empty. */
    String string(String key) {
        Node v = node(key);
        if (v == null || isNull(v)) {
            return "";
        }
        if (v instanceof ScalarNode s) {
            return s.getValue();
        }
        mismatch(key, v, "text");
        return "";
    }

    int integer(String key) {
        Node v = node(key);
        if (v == null || isNull(v)) {
            return 0;
        }
        Integer i = asInt(v);
        if (i == null) {
            mismatch(key, v, "an integer");
            return 0;
        }
        return i;
    }

    /** True or false; YAML 1.1 also reads yes/no and on/off as booleans, as the original's parser did. */
    boolean bool(String key) {
        Node v = node(key);
        if (v == null || isNull(v)) {
            return false;
        }
        if (v.getTag().equals(Tag.BOOL)) {
            return Boolean.TRUE.equals(values.value(v));
        }
        mismatch(key, v, "true or false");
        return false;
    }

    /** A list of text values; each scalar item is taken as written. */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Node item : items(key, "a list of text values")) {
            if (item instanceof ScalarNode s) {
                out.add(isNull(s) ? "" : s.getValue());
            } else {
                mismatch(key, item, "a list of text values");
            }
        }
        return out;
    }

    List<Integer> integers(String key, String what) {
        List<Integer> out = new ArrayList<>();
        for (Node item : items(key, what)) {
            Integer i = asInt(item);
            if (i == null) {
                mismatch(key, item, what);
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /** The items of a list value; absent or null is an empty list. */
    List<Node> items(String key, String what) {
        Node v = node(key);
        if (v == null || isNull(v)) {
            return List.of();
        }
        if (v instanceof SequenceNode seq) {
            return seq.getValue();
        }
        mismatch(key, v, what);
        return List.of();
    }

    /** A free map (opts): nested values as plain maps, lists and scalars. */
    Map<String, Object> map(String key) {
        Node v = node(key);
        if (v == null || isNull(v)) {
            return Map.of();
        }
        if (!(v instanceof MappingNode)) {
            mismatch(key, v, "a map");
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) values.plain(v);
            return m;
        } catch (YAMLException | IllegalArgumentException e) {
            problems.error(line(v), path, "'" + key + "' can not be read: " + e.getMessage());
            return Map.of();
        }
    }

    private Integer asInt(Node v) {
        if (!(v instanceof ScalarNode) || !(v.getTag().equals(Tag.INT) || v.getTag().equals(Tag.FLOAT))) {
            return null;
        }
        Object o = values.value(v);
        if (o instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        return null;
    }

    private void mismatch(String key, Node value, String expected) {
        problems.error(line(value), path, "'" + key + "' must be " + expected + ", not " + problems.describe(value));
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode && n.getTag().equals(Tag.NULL);
    }

    static int line(Node n) {
        return n == null || n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }
}
