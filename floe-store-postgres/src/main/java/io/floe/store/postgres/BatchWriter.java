package io.floe.store.postgres;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.store.jdbc.BatchChanges;
import io.floe.engine.store.jdbc.FlowDefinitions;
import io.floe.engine.store.jdbc.RunRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a checked batch's rows in the caller's (already fenced) transaction: the host's counter, flow definitions,
 * runs, nodes and named state. A run written as archived gives up its resource tags. Wake-ups go out on
 * {@value Notifications#CHANNEL} when the transaction commits, to the hosts that may have something to claim because
 * of it, not to every host (with tens of hosts, waking all of them for each pend made tens of claims that found
 * nothing, on the same database, for each run):
 * <ul>
 * <li>a pend saved wakes {@value #HELPERS} other live hosts whose tags fit its flow, chosen at random: the host that
 * saved it claims it at once by itself if it can, and the helpers take it when it cannot, or share a burst out. Two,
 * so that one helper frozen or busy leaves another; any host's heartbeat claims what all of them missed;</li>
 * <li>a run archived that held resource tags wakes every host (pends anywhere may wait for its tags); a run that held
 * none frees nothing another host waits for (its own host claims again when its runs end).</li>
 * </ul>
 */
final class BatchWriter {
    /** Other hosts woken per new pend. */
    static final int HELPERS = 2;

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
        boolean wakeAll = false;
        Set<List<String>> pendHostTags = new LinkedHashSet<>();
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
                boolean archived = false;
                for (RunRecord r : rows.runs().values()) {
                    if (r.status() == RunStatus.ARCHIVED) {
                        p.setString(1, r.id().hostId());
                        p.setLong(2, r.id().id());
                        p.addBatch();
                        archived = true;
                    } else if (r.status() == RunStatus.PENDING) {
                        pendHostTags.add(r.flow().hostTags());
                    }
                }
                if (archived) {
                    wakeAll = Arrays.stream(p.executeBatch()).anyMatch(released -> released != 0);
                }
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
        if (wakeAll) {
            Notifications.notify(c);
        } else if (!pendHostTags.isEmpty()) {
            Set<String> helpers = new LinkedHashSet<>();
            for (List<String> required : pendHostTags) {
                helpers.addAll(leases.helpers(c, required, HELPERS));
            }
            Notifications.notifyHosts(c, helpers);
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
