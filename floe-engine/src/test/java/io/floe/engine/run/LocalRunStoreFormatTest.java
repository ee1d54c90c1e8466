package io.floe.engine.run;

import static io.floe.engine.run.TestRuns.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.StoreException;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a local store's file looks like: new files get small pages and the compact rows of schema version 2, files of
 * version 1 are read and written as they are, and the run counter survives a reopen either way.
 */
class LocalRunStoreFormatTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("store/floe.db");
    }

    /** One value from the file, read with a connection of the test's own while the store is closed. */
    private String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void aNewFileHasSmallPagesAndKeepsTimesAsNumbers() throws Exception {
        RunRecord run = TestRuns.archived("h1", 1, "build", T0);
        NodeRecord task = TestRuns.finishedTask("build", T0);
        try (LocalRunStore store = LocalRunStore.open(dir)) {
            store.commit(new StoreBatch().counter(1).run(run).node(run.id(), task));
        }

        assertThat(query("PRAGMA page_size")).isEqualTo("1024");
        assertThat(query("SELECT value FROM meta WHERE key = 'schema_version'")).isEqualTo("2");
        assertThat(query("SELECT typeof(started) FROM nodes")).isEqualTo("integer");
        assertThat(query("SELECT typeof(ended) FROM runs")).isEqualTo("integer");
        try (LocalRunStore store = LocalRunStore.open(dir)) {
            // nanoseconds and all
            assertThat(store.find(run.id())).contains(new StoredRun(run, Map.of("build", task)));
        }
    }

    @Test
    void aVersionOneFileKeepsItsPagesItsTextTimesAndItsCounter() throws Exception {
        createVersionOneFile();
        RunRecord old = TestRuns.archived("h1", 1, "build", T0);
        RunRecord added = TestRuns.pend("h1", 2, "build", T0.plusSeconds(60));
        try (LocalRunStore store = LocalRunStore.open(dir)) {
            store.commit(new StoreBatch().counter(1).run(old).node(old.id(), TestRuns.finishedTask("build", T0)));
            store.commit(new StoreBatch().counter(2).run(added));
        }

        assertThat(query("PRAGMA page_size")).isEqualTo("4096");
        assertThat(query("SELECT value FROM meta WHERE key = 'schema_version'")).isEqualTo("1");
        assertThat(query("SELECT started FROM nodes")).isEqualTo(T0.toString());
        // an older floe reads the counter from meta alone, so a version 1 file always gets it
        assertThat(query("SELECT value FROM meta WHERE key = 'counter'")).isEqualTo("2");
        try (LocalRunStore store = LocalRunStore.open(dir)) {
            assertThat(store.find(old.id()).orElseThrow().record()).isEqualTo(old);
            assertThat(store.recover().counter()).isEqualTo(2);
            assertThat(store.recover().pending()).extracting(StoredRun::record).containsExactly(added);
        }
    }

    @Test
    void theCounterComesBackFromTheRunsItNumbered() {
        try (LocalRunStore store = LocalRunStore.open(dir)) {
            for (long n = 1; n <= 5; n++) {
                store.commit(new StoreBatch().counter(n).run(TestRuns.pend("h1", n, "build", T0.plusSeconds(n))));
            }
        }
        try (LocalRunStore store = LocalRunStore.open(dir)) {
            assertThat(store.recover().counter()).isEqualTo(5);
            // a host renamed between restarts goes on counting from there
            store.commit(new StoreBatch().counter(6).run(TestRuns.pend("h2", 6, "build", T0.plusSeconds(6))));
            store.commit(new StoreBatch().counter(7).run(TestRuns.pend("h2", 7, "build", T0.plusSeconds(7))));
        }
        try (LocalRunStore store = LocalRunStore.open(dir)) {
            assertThat(store.recover().counter()).isEqualTo(7);
            // runs of another host (offered here) do not move this host's counter
            store.commit(new StoreBatch().run(TestRuns.pend("h9", 500, "build", T0.plusSeconds(8))));
        }
        try (LocalRunStore store = LocalRunStore.open(dir)) {
            assertThat(store.recover().counter()).isEqualTo(7);
        }
    }

    @Test
    void aCounterWithoutItsRunIsSavedToo() {
        try (LocalRunStore store = LocalRunStore.open(dir)) {
            store.commit(new StoreBatch().counter(1).run(TestRuns.pend("h1", 1, "build", T0)));
            store.commit(new StoreBatch().counter(9));
        }
        try (LocalRunStore store = LocalRunStore.open(dir)) {
            assertThat(store.recover().counter()).isEqualTo(9);
        }
    }

    @Test
    void aFileOfANewerFloeIsRefusedWithWhatToDo() throws Exception {
        createVersionOneFile();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            s.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'");
        }

        assertThatThrownBy(() -> LocalRunStore.open(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining(db().toString()).hasMessageContaining("newer floe")
                .hasMessageContaining("schema version 3");
    }

    /** A store file as floe wrote it before schema version 2: SQLite's default 4 KB pages, times as text. */
    private void createVersionOneFile() throws Exception {
        Files.createDirectories(db().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            s.execute("PRAGMA page_size = 4096");
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
            s.execute("CREATE TABLE flows (hash TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID");
            s.execute("""
                    CREATE TABLE runs (
                      run_host TEXT NOT NULL, run_n INTEGER NOT NULL,
                      flow_id TEXT NOT NULL, flow_ver INTEGER NOT NULL, exec_host TEXT NOT NULL,
                      status TEXT NOT NULL, adopted_ms INTEGER NOT NULL,
                      adopted TEXT, started TEXT, ended TEXT, good INTEGER NOT NULL, end_reason TEXT NOT NULL,
                      trigger_node TEXT NOT NULL, opts TEXT NOT NULL, flow_hash TEXT NOT NULL,
                      PRIMARY KEY (run_host, run_n))""");
            s.execute("CREATE INDEX runs_by_flow ON runs (flow_id, status, adopted_ms, run_host, run_n)");
            s.execute("CREATE INDEX runs_by_status ON runs (status, adopted_ms, run_host, run_n)");
            s.execute("""
                    CREATE TABLE nodes (
                      run_host TEXT NOT NULL, run_n INTEGER NOT NULL, node_id TEXT NOT NULL,
                      kind TEXT NOT NULL, started TEXT, stopped TEXT, good INTEGER NOT NULL, exit_status INTEGER,
                      error TEXT NOT NULL, waits TEXT NOT NULL, opts TEXT NOT NULL, enabled INTEGER NOT NULL,
                      log_lines INTEGER NOT NULL,
                      PRIMARY KEY (run_host, run_n, node_id)) WITHOUT ROWID""");
            s.execute("CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
            s.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1'), ('counter', '0')");
        }
    }
}
