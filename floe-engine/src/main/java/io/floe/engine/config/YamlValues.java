package io.floe.engine.config;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns composed YAML nodes into plain Java values with SnakeYAML's safe constructor: maps, lists, String, Integer,
 * Long, BigInteger, Double, Boolean, null. Timestamps and binary stay as the text written, because opts end up in
 * JSON, which has neither.
 */
final class YamlValues extends SafeConstructor {
    /** Aliases share values; written out as plain data they multiply, so a small document could fill the heap. */
    static final int MAX_VALUES = 1_000_000;

    YamlValues() {
        super(new LoaderOptions());
        this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        this.yamlConstructors.put(Tag.BINARY, new ConstructYamlStr());
    }

    /** The value of {@code node}; throws SnakeYAML's exception for tags it can not build safely. */
    Object value(Node node) {
        return constructDocument(node);
    }

    /**
     * The value of {@code node} as JSON-friendly data: string keys (kept as written, in order), lists for sequences
     * and sets, text for numbers JSON can not hold.
     *
     * @throws IllegalArgumentException when a collection contains itself (an alias of an enclosing anchor), or the
     *                                  value expands to more than {@link #MAX_VALUES} values
     */
    Object plain(Node node) {
        return plain(value(node), new IdentityHashMap<>(), new int[1]);
    }

    private static Object plain(Object v, IdentityHashMap<Object, Boolean> open, int[] count) {
        if (++count[0] > MAX_VALUES) {
            throw new IllegalArgumentException("it expands to more than " + MAX_VALUES
                    + " values (check the YAML anchors and aliases)");
        }
        if (v instanceof Map<?, ?> || v instanceof Collection<?> || (v != null && v.getClass().isArray())) {
            if (open.put(v, Boolean.TRUE) != null) {
                throw new IllegalArgumentException("a value can not contain itself (check the YAML anchors and aliases)");
            }
            try {
                return plainCollection(v, open, count);
            } finally {
                open.remove(v);
            }
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString();
        }
        return v;
    }

    private static Object plainCollection(Object v, IdentityHashMap<Object, Boolean> open, int[] count) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), plain(e.getValue(), open, count));
            }
            return out;
        }
        List<Object> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(plain(o, open, count));
            }
        } else {
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(plain(Array.get(v, i), open, count));
            }
        }
        return out;
    }
}
