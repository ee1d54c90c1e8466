package io.floe.store.postgres;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import io.floe.engine.store.jdbc.FlowDefinitions;
import io.floe.engine.store.jdbc.ListingKey;
import io.floe.engine.store.jdbc.PageMerge;
import io.floe.engine.store.jdbc.RunFilterSql;
import io.floe.engine.store.jdbc.RunRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading runs of the whole cluster: one run with its nodes, the runs active on a host, and listings. A listing page
 * is, per status asked for, a range scan of {@code runs_by_flow} or {@code runs_by_status} backwards from the cursor,
 * at most one run beyond the page long; the slices are merged newest first.
 */
final class RunReads {
    private final FlowDefinitions flows;

    RunReads(FlowDefinitions flows) {
        this.flows = flows;
    }

    Optional<StoredRun> find(Connection c, HostedRef run) throws SQLException {
        return RunRows.find(c, run, flows);
    }

    /** The runs active on {@code host} that are not orphans, oldest first, with their nodes. */
    List<StoredRun> activeOn(Connection c, String host) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + RunRows.RUN_COLUMNS + " FROM runs"
                + " WHERE status = 'ACTIVE' AND exec_host = ? AND lost_host IS NULL"
                + " ORDER BY adopted_ms, run_host, run_n")) {
            p.setString(1, host);
            runs.addAll(RunRows.readRuns(p, c, flows));
        }
        List<StoredRun> out = new ArrayList<>(runs.size());
        for (RunRecord r : runs) {
            out.add(new StoredRun(r, RunRows.nodes(c, r.id())));
        }
        return out;
    }

    RunPage list(Connection c, RunQuery query) throws SQLException {
        int fetch = PageMerge.fetchSize(query.limit());
        List<List<RunRecord>> slices = new ArrayList<>();
        for (RunStatus status : query.scanned()) {
            slices.add(slice(c, query, status, fetch));
        }
        return PageMerge.page(slices, query.limit());
    }

    private List<RunRecord> slice(Connection c, RunQuery query, RunStatus status, int fetch) throws SQLException {
        boolean byFlow = !query.flowId().isEmpty();
        boolean withCursor = query.before() != null;
        RunFilterSql where = RunFilterSql.of(query.filter(), status, RunFilterSql.Dialect.POSTGRES);
        String sql = "SELECT " + RunRows.RUN_COLUMNS + " FROM runs WHERE "
                + (byFlow ? "flow_id = ? AND " : "") + "status = ?"
                + (withCursor ? " AND (adopted_ms, run_host, run_n) < (?, ?, ?)" : "") + where.where()
                + " ORDER BY adopted_ms DESC, run_host DESC, run_n DESC LIMIT ?";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            if (byFlow) {
                p.setString(i++, query.flowId());
            }
            p.setString(i++, status.name());
            if (withCursor) {
                i = ListingKey.of(query.before()).bind(p, i);
            }
            i = where.bind(p, i);
            p.setInt(i, fetch);
            return RunRows.readRuns(p, c, flows);
        }
    }

    static Optional<String> state(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT value FROM state WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
