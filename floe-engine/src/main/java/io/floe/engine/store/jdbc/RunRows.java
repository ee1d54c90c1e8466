package io.floe.engine.store.jdbc;

import com.google.gson.reflect.TypeToken;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.json.Json;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How run and node records map to rows of the {@code runs} and {@code nodes} tables, in the local store and the
 * PostgreSQL one alike. Times are integer nanoseconds since the epoch, or ISO-8601 text (a version 1 local file, the
 * PostgreSQL store) as {@link Times} says; either way nanoseconds are kept, null means "not yet", and both forms are
 * read whatever the table. Flags are booleans (integers 0/1 in SQLite). Free-form maps and the trigger ref are
 * {@link Json}, which reads whole numbers back as {@code Long} and others as {@code Double}.
 */
public final class RunRows {
    /** How a table keeps times. */
    public enum Times {
        /** ISO-8601 text: schema version 1. */
        TEXT,
        /** Nanoseconds since the epoch: schema version 2, 8 bytes instead of about 30. */
        NANOS;
    }

    public static final String RUN_COLUMNS = "run_host, run_n, flow_id, flow_ver, exec_host, status, adopted_ms, adopted,"
            + " started, ended, good, end_reason, trigger_node, opts, flow_hash";
    /** The column of {@link #RUN_COLUMNS} that holds the flow definition's hash ({@link FlowDefinitions}). */
    public static final int FLOW_HASH = 15;

    public static final String UPSERT_RUN = "INSERT INTO runs (" + RUN_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (run_host, run_n) DO UPDATE SET flow_id = excluded.flow_id, flow_ver = excluded.flow_ver,"
            + " exec_host = excluded.exec_host, status = excluded.status, adopted_ms = excluded.adopted_ms,"
            + " adopted = excluded.adopted, started = excluded.started, ended = excluded.ended, good = excluded.good,"
            + " end_reason = excluded.end_reason, trigger_node = excluded.trigger_node, opts = excluded.opts,"
            + " flow_hash = excluded.flow_hash";

    public static final String NODE_COLUMNS = "node_id, kind, started, stopped, good, exit_status, error, waits, opts,"
            + " enabled, log_lines";

    public static final String UPSERT_NODE = "INSERT INTO nodes (run_host, run_n, " + NODE_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (run_host, run_n, node_id) DO UPDATE SET kind = excluded.kind,"
            + " started = excluded.started, stopped = excluded.stopped, good = excluded.good,"
            + " exit_status = excluded.exit_status, error = excluded.error, waits = excluded.waits,"
            + " opts = excluded.opts, enabled = excluded.enabled, log_lines = excluded.log_lines";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Type OPTS = new TypeToken<Map<String, Object>>() {}.getType();
    private static final Type WAITS = new TypeToken<Map<String, Boolean>>() {}.getType();

    private RunRows() {}

    public static void bindRun(PreparedStatement p, RunRecord r, String flowHash, Times times) throws SQLException {
        RunRef ref = r.ref();
        p.setString(1, r.id().hostId());
        p.setLong(2, r.id().id());
        p.setString(3, ref.flowRef().id());
        p.setInt(4, ref.flowRef().ver());
        p.setString(5, ref.execHost());
        p.setString(6, r.status().name());
        p.setLong(7, ListingKey.millis(r.adopted()));
        setTime(p, 8, r.adopted(), times);
        setTime(p, 9, r.started(), times);
        setTime(p, 10, r.ended(), times);
        p.setBoolean(11, r.good());
        p.setString(12, r.endReason());
        p.setString(13, Json.write(r.trigger()));
        p.setString(14, Json.write(r.opts()));
        p.setString(15, flowHash);
    }

    /** Reads a row selected with {@link #RUN_COLUMNS} first; the flow is resolved by the caller from {@link #FLOW_HASH}. */
    public static RunRecord readRun(ResultSet rs, FlowConfig flow) throws SQLException {
        HostedRef id = new HostedRef(rs.getString(1), rs.getLong(2));
        RunRef ref = new RunRef(new FlowRef(rs.getString(3), rs.getInt(4)), id, rs.getString(5));
        return new RunRecord(ref, flow, Json.read(rs.getString(13), NodeRef.class), Json.gson().fromJson(
                rs.getString(14), OPTS), RunStatus.valueOf(rs.getString(6)), time(rs, 8), time(rs, 9), time(rs, 10),
                rs.getBoolean(11), rs.getString(12));
    }

    public static void bindNode(PreparedStatement p, HostedRef run, NodeRecord n, Times times) throws SQLException {
        p.setString(1, run.hostId());
        p.setLong(2, run.id());
        p.setString(3, n.nodeId());
        p.setString(4, n.kind().name());
        setTime(p, 5, n.started(), times);
        setTime(p, 6, n.stopped(), times);
        p.setBoolean(7, n.good());
        if (n.exitStatus() == null) {
            p.setNull(8, Types.INTEGER);
        } else {
            p.setInt(8, n.exitStatus());
        }
        p.setString(9, n.error());
        p.setString(10, Json.write(n.waits()));
        p.setString(11, Json.write(n.opts()));
        p.setBoolean(12, n.enabled());
        p.setLong(13, n.logLines());
    }

    /** Reads a row selected with {@link #NODE_COLUMNS}. */
    public static NodeRecord readNode(ResultSet rs) throws SQLException {
        int status = rs.getInt(6);
        Integer exit = rs.wasNull() ? null : status;
        return new NodeRecord(rs.getString(1), NodeKind.valueOf(rs.getString(2)), time(rs, 3), time(rs, 4),
                rs.getBoolean(5), exit, rs.getString(7), Json.gson().fromJson(rs.getString(8), WAITS),
                Json.gson().fromJson(rs.getString(9), OPTS), rs.getBoolean(10), rs.getLong(11));
    }

    /** The nodes of one run, by id. */
    public static Map<String, NodeRecord> nodes(Connection c, HostedRef run) throws SQLException {
        Map<String, NodeRecord> out = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + NODE_COLUMNS
                + " FROM nodes WHERE run_host = ? AND run_n = ?")) {
            p.setString(1, run.hostId());
            p.setLong(2, run.id());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    NodeRecord n = readNode(rs);
                    out.put(n.nodeId(), n);
                }
            }
        }
        return out;
    }

    private static void setTime(PreparedStatement p, int index, Instant t, Times times) throws SQLException {
        if (t == null) {
            p.setNull(index, times == Times.TEXT ? Types.VARCHAR : Types.INTEGER);
        } else if (times == Times.TEXT) {
            p.setString(index, t.toString());
        } else {
            p.setLong(index, Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS_PER_SECOND), t.getNano()));
        }
    }

    private static Instant time(ResultSet rs, int index) throws SQLException {
        Object v = rs.getObject(index);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            long nanos = n.longValue();
            return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND),
                    Math.floorMod(nanos, NANOS_PER_SECOND));
        }
        return Instant.parse(v.toString());
    }

    /** Run {@code run} with its nodes, read on {@code c}; empty when no such run is stored. */
    public static Optional<StoredRun> find(Connection c, HostedRef run, FlowDefinitions flows) throws SQLException {
        RunRecord r;
        try (PreparedStatement p = c.prepareStatement("SELECT " + RUN_COLUMNS
                + " FROM runs WHERE run_host = ? AND run_n = ?")) {
            p.setString(1, run.hostId());
            p.setLong(2, run.id());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                r = readRun(rs, flows.load(c, rs.getString(FLOW_HASH)));
            }
        }
        return Optional.of(new StoredRun(r, nodes(c, r.id())));
    }

    /** Runs {@code p} (a query of {@link #RUN_COLUMNS}) and reads every run it answers, in its order. */
    public static List<RunRecord> readRuns(PreparedStatement p, Connection c, FlowDefinitions flows)
            throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(readRun(rs, flows.load(c, rs.getString(FLOW_HASH))));
            }
        }
        return out;
    }
}
