package io.floe.store.postgres;

import io.floe.engine.store.jdbc.RunRows;

/**
 * The PostgreSQL store's own statement on the {@code runs} table; the columns and how records map to them are the
 * engine's {@link RunRows}, shared with the local store (times as ISO-8601 text here: {@link #TIMES}).
 */
final class Rows {
    /** How this store's tables keep times. */
    static final RunRows.Times TIMES = RunRows.Times.TEXT;

    /**
     * Writing a run makes it this host's, so it is no longer an orphan. A run that left the pending state (claimed,
     * cancelled) is never made pending again by a late write of its pend.
     */
    static final String UPSERT_RUN = "INSERT INTO runs (" + RunRows.RUN_COLUMNS + ", lost_host)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"
            + " ON CONFLICT (run_host, run_n) DO UPDATE SET flow_id = excluded.flow_id, flow_ver = excluded.flow_ver,"
            + " exec_host = excluded.exec_host, status = excluded.status, adopted_ms = excluded.adopted_ms,"
            + " adopted = excluded.adopted, started = excluded.started, ended = excluded.ended, good = excluded.good,"
            + " end_reason = excluded.end_reason, trigger_node = excluded.trigger_node, opts = excluded.opts,"
            + " flow_hash = excluded.flow_hash, lost_host = NULL"
            + " WHERE excluded.status <> 'PENDING' OR runs.status = 'PENDING'";

    private Rows() {}
}
