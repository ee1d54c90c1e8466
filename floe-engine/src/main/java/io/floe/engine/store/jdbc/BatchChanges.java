package io.floe.engine.store.jdbc;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.StoreBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A {@link StoreBatch} checked and reduced to the last change of each row (later changes to the same row win), so a
 * store writes each row once. Checking happens before anything is written, so a malformed batch writes nothing.
 * Public for stores outside this package (such as the PostgreSQL store).
 */
public final class BatchChanges {
    /** A node record's row: run and node id. */
    public record NodeKey(HostedRef run, String nodeId) {}

    private OptionalLong counter = OptionalLong.empty();
    private final Map<HostedRef, RunRecord> runs = new LinkedHashMap<>();
    private final Map<NodeKey, NodeRecord> nodes = new LinkedHashMap<>();
    /** A null value deletes the key. */
    private final Map<String, String> states = new LinkedHashMap<>();

    private BatchChanges() {}

    /** @throws IllegalArgumentException naming the first malformed change */
    public static BatchChanges of(StoreBatch batch) {
        BatchChanges out = new BatchChanges();
        List<StoreBatch.Change> changes = batch.changes();
        for (int i = 0; i < changes.size(); i++) {
            out.add(i, changes.get(i));
        }
        return out;
    }

    private void add(int index, StoreBatch.Change change) {
        String where = "store batch change " + index;
        if (change instanceof StoreBatch.Counter c) {
            counter = OptionalLong.of(c.value());
        } else if (change instanceof StoreBatch.Run r) {
            RunRecord rec = require(r.record(), where + ": the run record is null");
            require(rec.ref(), where + ": the run record has no ref");
            if (rec.id().isZero()) {
                throw new IllegalArgumentException(where + ": run record " + rec.ref()
                        + " has no run number; only adopted runs can be stored");
            }
            require(rec.status(), where + ": run " + rec.id() + " has no status");
            require(rec.flow(), where + ": run " + rec.id() + " has no flow definition");
            runs.remove(rec.id()); // re-inserting keeps the map in last-change order
            runs.put(rec.id(), rec);
        } else if (change instanceof StoreBatch.Node n) {
            HostedRef run = require(n.run(), where + ": the node change names no run");
            NodeRecord rec = require(n.record(), where + ": the node record of run " + run + " is null");
            if (run.isZero() || rec.nodeId() == null || rec.nodeId().isEmpty()) {
                throw new IllegalArgumentException(where + ": a node record needs a run number and a node id, got run "
                        + run + " node '" + rec.nodeId() + "'");
            }
            require(rec.kind(), where + ": node " + rec.nodeId() + " of run " + run + " has no kind");
            NodeKey key = new NodeKey(run, rec.nodeId());
            nodes.remove(key);
            nodes.put(key, rec);
        } else if (change instanceof StoreBatch.State s) {
            if (s.key() == null || s.key().isEmpty()) {
                throw new IllegalArgumentException(where + ": a state change needs a key");
            }
            states.remove(s.key());
            states.put(s.key(), s.value());
        } else {
            throw new IllegalArgumentException(where + ": unknown change " + change);
        }
    }

    private static <T> T require(T value, String message) {
        if (value == null) {
            throw new IllegalArgumentException(message);
        }
        return value;
    }

    public OptionalLong counter() {
        return counter;
    }

    public Map<HostedRef, RunRecord> runs() {
        return runs;
    }

    public Map<NodeKey, NodeRecord> nodes() {
        return nodes;
    }

    public Map<String, String> states() {
        return states;
    }
}
