package io.floe.store.postgres;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.run.BatchChanges;
import io.floe.engine.run.FlowDefinitions;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunRows;
import io.floe.engine.run.RunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes a checked batch's rows in the caller's (already fenced) transaction: the host's counter, flow definitions,
 * runs, nodes and named state. A run written as archived gives up its resource tags. A pend saved or a run archived
 * notifies {@value Notifications#CHANNEL}, delivered by PostgreSQL when the transaction commits.
 */
final class BatchWriter {
    private final HostLeases leases;
    private final FlowDefinitions flows;

    BatchWriter(HostLeases leases, FlowDefinitions flows) {
        this.leases = leases;
        this.flows = flows;
    }

    /** @return the hashes of the flow definitions written, for {@link FlowDefinitions#committed} */
    Set<String> write(Connection c, BatchChanges rows) throws SQLException {
        if (rows.counter().isPresent()) {
            leases.saveCounter(c, rows.counter().getAsLong());
        }
        Set<String> hashes = new LinkedHashSet<>();
        boolean wake = false;
        if (!rows.runs().isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(Rows.UPSERT_RUN)) {
                Map<FlowConfig, String> saved = new HashMap<>(); // runs of a batch share a few definitions
                for (RunRecord r : rows.runs().values()) {
                    String hash = saved.get(r.flow());
                    if (hash == null) {
                        hash = flows.save(c, r.flow());
                        saved.put(r.flow(), hash);
                        hashes.add(hash);
                    }
                    RunRows.bindRun(p, r, hash, Rows.TIMES);
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM resource_leases"
                    + " WHERE run_host = ? AND run_n = ?")) {
                for (RunRecord r : rows.runs().values()) {
                    if (r.status() == RunStatus.ARCHIVED) {
                        p.setString(1, r.id().hostId());
                        p.setLong(2, r.id().id());
                        p.addBatch();
                        wake = true;
                    } else if (r.status() == RunStatus.PENDING) {
                        wake = true;
                    }
                }
                p.executeBatch();
            }
        }
        if (!rows.nodes().isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(RunRows.UPSERT_NODE)) {
                for (Map.Entry<BatchChanges.NodeKey, NodeRecord> e : rows.nodes().entrySet()) {
                    RunRows.bindNode(p, e.getKey().run(), e.getValue(), Rows.TIMES);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        writeStates(c, rows.states());
        if (wake) {
            Notifications.notify(c);
        }
        return hashes;
    }

    private static void writeStates(Connection c, Map<String, String> states) throws SQLException {
        if (states.isEmpty()) {
            return;
        }
        try (PreparedStatement put = c.prepareStatement("INSERT INTO state (key, value) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
                PreparedStatement delete = c.prepareStatement("DELETE FROM state WHERE key = ?")) {
            for (Map.Entry<String, String> e : states.entrySet()) {
                if (e.getValue() == null) {
                    delete.setString(1, e.getKey());
                    delete.executeUpdate();
                } else {
                    put.setString(1, e.getKey());
                    put.setString(2, e.getValue());
                    put.executeUpdate();
                }
            }
        }
    }
}
