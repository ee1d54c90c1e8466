package io.floe.engine.store.local;

import io.floe.engine.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of a {@link LocalRunStore}, created on first open. A {@code schema_version} row in {@code meta} lets a
 * later floe migrate an older file, and stops this floe from misreading a newer one.
 * <p>
 * {@code runs} holds one row per run; its flow definition lives once per distinct definition in {@code flows}, keyed
 * by a hash of its JSON, because thousands of runs share a handful of definitions. The {@code runs_by_flow} index
 * matches the listing order (flow, status, then newest first), so a page of runs of one flow in one status is a range
 * scan of it from the cursor, whatever the size of the archive; a page of all flows merges one such scan per flow.
 * <p>
 * Two versions are read and written, each file in its own: version 1 keeps times as ISO-8601 text, writes the run
 * counter on every adoption and has a second index, {@code runs_by_status}, which older floes list all flows with;
 * version 2 (every new file) keeps times as integer nanoseconds since the epoch, writes the counter only when the run
 * rows cannot tell it (see {@link LocalRunStore}) and has no index by status. Every page a commit touches is written
 * again, whole, to the WAL: version 2 rows are about a third smaller, so they fill fewer pages and make SQLite split
 * fewer, and the index a run no longer updates at its start and its end saves two pages per run. A version 1 file is
 * not converted: an older floe can still open it.
 */
final class StoreSchema {
    /** The newest version, the one new files get. */
    static final int VERSION = 2;
    /** Times as ISO-8601 text, the counter written with every adoption. */
    static final int TEXT_TIMES = 1;

    private static final String[] TABLES = {
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS flows (hash TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID",
        """
        CREATE TABLE IF NOT EXISTS runs (
          run_host TEXT NOT NULL, run_n INTEGER NOT NULL,
          flow_id TEXT NOT NULL, flow_ver INTEGER NOT NULL, exec_host TEXT NOT NULL,
          status TEXT NOT NULL, adopted_ms INTEGER NOT NULL,
          adopted INTEGER, started INTEGER, ended INTEGER, good INTEGER NOT NULL, end_reason TEXT NOT NULL,
          trigger_node TEXT NOT NULL, opts TEXT NOT NULL, flow_hash TEXT NOT NULL,
          PRIMARY KEY (run_host, run_n))""",
        "CREATE INDEX IF NOT EXISTS runs_by_flow ON runs (flow_id, status, adopted_ms, run_host, run_n)",
        """
        CREATE TABLE IF NOT EXISTS nodes (
          run_host TEXT NOT NULL, run_n INTEGER NOT NULL, node_id TEXT NOT NULL,
          kind TEXT NOT NULL, started INTEGER, stopped INTEGER, good INTEGER NOT NULL, exit_status INTEGER,
          error TEXT NOT NULL, waits TEXT NOT NULL, opts TEXT NOT NULL, enabled INTEGER NOT NULL,
          log_lines INTEGER NOT NULL,
          PRIMARY KEY (run_host, run_n, node_id)) WITHOUT ROWID""",
        "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    };

    private StoreSchema() {}

    /**
     * Creates the tables of a new file, or checks the version of an existing one. Runs in the write connection's
     * transaction and commits it.
     *
     * @return the schema version found, or created for a new file
     */
    static int prepare(Connection c, String where) throws SQLException {
        int found = version(c);
        if (found > VERSION) {
            throw new StoreException("run store " + where + " was written by a newer floe (schema version " + found
                    + ", this floe knows up to " + VERSION + "); run that newer floe, or use another store-root");
        }
        if (found == 0) {
            try (Statement s = c.createStatement()) {
                for (String ddl : TABLES) {
                    s.execute(ddl);
                }
                s.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '" + VERSION + "')");
                s.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('counter', '0')");
            }
            found = VERSION;
        }
        c.commit();
        return found;
    }

    private static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")) {
            if (!rs.next()) {
                return 0;
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT value FROM meta WHERE key = 'schema_version'");
                ResultSet rs = p.executeQuery()) {
            return rs.next() ? Integer.parseInt(rs.getString(1)) : 0;
        }
    }
}
