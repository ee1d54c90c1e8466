package io.floe.engine.run;

import java.util.Map;
import java.util.TreeMap;

/** A run as the store holds it: its head and the records of the nodes it reached, by node id. */
public record StoredRun(RunRecord record, Map<String, NodeRecord> nodes) {
    public StoredRun {
        nodes = nodes == null ? Map.of() : Map.copyOf(new TreeMap<>(nodes));
    }
}
