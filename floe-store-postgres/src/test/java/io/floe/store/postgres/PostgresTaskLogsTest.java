package io.floe.store.postgres;

import static io.floe.engine.run.TestRuns.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.SharedRunStore.Claimed;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.TaskLogs;
import io.floe.store.postgres.PostgresServer.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Task logs in the shared database: what one host writes, every host reads; and only the host that executes a run, and
 * holds its fence, writes its log.
 */
class PostgresTaskLogsTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final HostedRef RUN = new HostedRef("a", 1);

    private TestDatabase db;
    private final List<PostgresRunStore> stores = new ArrayList<>();

    @BeforeEach
    void newDatabase() {
        db = PostgresServer.shared().newDatabase();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(PostgresRunStore::close);
    }

    /** A host that joined the cluster. */
    private PostgresRunStore host(String id) {
        PostgresRunStore s = PostgresRunStore.open(db.settings(id, LEASE));
        stores.add(s);
        s.join(List.of());
        return s;
    }

    /** Host {@code a}, executing run {@link #RUN}. */
    private PostgresRunStore executingRun() {
        PostgresRunStore a = host("a");
        a.commit(new StoreBatch().counter(1).run(Pends.pend(RUN, Pends.flow("build", List.of(), List.of()), T0)));
        assertThat(a.claim(f -> true, 1, T0).claimed()).hasSize(1);
        return a;
    }

    /**
     * Declares {@code lost} lost as another host's heartbeat does once its lease lapsed (a new epoch, not alive, its
     * active runs orphaned), and lets {@code taker} take its runs over.
     */
    private void takeOver(String lost, PostgresRunStore taker) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE hosts SET epoch = epoch + 1, alive = false WHERE id = '" + lost + "'");
            s.executeUpdate("UPDATE runs SET lost_host = exec_host WHERE status = 'ACTIVE' AND exec_host = '"
                    + lost + "'");
        }
        assertThat(taker.claim(f -> true, 10, T0).claimed()).extracting(Claimed::lostHost)
                .containsExactly(Optional.of(lost));
    }

    @Test
    void linesFlushedByOneHostAreReadByAnotherAndNumberingContinuesThere() throws SQLException {
        TaskLogs a = executingRun().logs();
        PostgresRunStore bStore = host("b");
        TaskLogs b = bStore.logs();
        a.append(RUN, "build", "in dir: /ws");
        a.append(RUN, "build", "make all");
        a.append(RUN, "build", "");
        a.flush(RUN, "build");

        assertThat(b.read(RUN, "build", 0, 10)).containsExactly("in dir: /ws", "make all", "");
        assertThat(b.count(RUN, "build")).isEqualTo(3);

        // b took the run over: its lines follow a's
        takeOver("a", bStore);
        b.append(RUN, "build", "interrupted: host a lost");
        b.flush(RUN, "build");
        assertThat(a.read(RUN, "build", 0, 10)).containsExactly("in dir: /ws", "make all", "",
                "interrupted: host a lost");
        assertThat(a.count(RUN, "build")).isEqualTo(4);
        assertThat(a.read(RUN, "build", 3, 10)).containsExactly("interrupted: host a lost");
    }

    @Test
    void aHostDeclaredLostWritesNoLineOfTheRunItLostNotEvenAfterJoiningAgain() throws SQLException {
        PostgresRunStore a = executingRun();
        PostgresRunStore b = host("b");
        a.logs().append(RUN, "build", "before a froze");
        a.logs().flush(RUN, "build");

        // a froze; b declared it lost and took its run over, and a's task goes on printing
        takeOver("a", b);
        b.logs().append(RUN, "build", "interrupted: host a lost");
        b.logs().flush(RUN, "build");
        for (int i = 0; i < 30; i++) {
            a.logs().append(RUN, "build", "printed by a after it was declared lost " + i);
        }
        a.logs().flush(RUN, "build");
        assertThat(stored(RUN, "build")).containsExactly("before a froze", "interrupted: host a lost");

        // a learns it was fenced and joins again: its fence is new, but the run is b's
        a.join(List.of());
        a.logs().append(RUN, "build", "printed by a after it joined again");
        a.logs().flush(RUN, "build");
        b.logs().append(RUN, "build", "done");
        b.logs().flush(RUN, "build");

        assertThat(stored(RUN, "build")).containsExactly("before a froze", "interrupted: host a lost", "done");
        assertThat(a.logs().count(RUN, "build")).isEqualTo(3);
    }

    @Test
    void aHostThatNeverJoinedWritesNoLine() {
        PostgresRunStore late = PostgresRunStore.open(db.settings("late", LEASE));
        stores.add(late);
        executingRun();
        late.logs().append(RUN, "build", "from a host outside the cluster");
        late.logs().flush(RUN, "build");

        assertThat(stored(RUN, "build")).isEmpty();
    }

    /** The lines in the database, as a host that never wrote to the log reads them. */
    private List<String> stored(HostedRef run, String nodeId) {
        return host("reader-" + stores.size()).logs().read(run, nodeId, 0, 1000);
    }

    @Test
    void linesNotYetFlushedReachOtherHostsByTheBackgroundDrain() {
        TaskLogs a = executingRun().logs();
        TaskLogs b = host("b").logs();
        a.append(RUN, "test", "still running");

        Await.until("b sees a's line", Duration.ofSeconds(20), () -> b.count(RUN, "test") == 1);
        assertThat(b.read(RUN, "test", 0, 10)).containsExactly("still running");
        assertThat(a.count(RUN, "test")).isEqualTo(1);
    }

    @Test
    void longLinesAndTextPostgresCannotHoldAreKept() {
        TaskLogs a = executingRun().logs();
        String longLine = "x".repeat(1_000_000);
        a.append(RUN, "build", longLine);
        a.append(RUN, "build", "nul\0byte");
        a.append(RUN, "build", "naïve ✓ 日本 🚀");
        a.append(RUN, "build", null);
        a.flush(RUN, "build");

        assertThat(host("b").logs().read(RUN, "build", 0, 10))
                .containsExactly(longLine, "nul\uFFFDbyte", "naïve ✓ 日本 🚀", "");
    }

    @Test
    void linesWaitingWhenTheStoreClosesAreWritten() {
        PostgresRunStore a = executingRun();
        IntStream.range(0, 1000).forEach(i -> a.logs().append(RUN, "deploy", "line " + i));
        a.close();

        List<String> lines = host("b").logs().read(RUN, "deploy", 0, 2000);
        assertThat(lines).hasSize(1000);
        assertThat(lines.get(999)).isEqualTo("line 999");
    }

    @Test
    void aFreshStoreCountsLinesItNeverSaw() {
        PostgresRunStore a = executingRun();
        IntStream.range(0, 25_000).forEach(i -> a.logs().append(RUN, "build", "line " + i));
        a.logs().flush(RUN, "build");

        TaskLogs b = host("b").logs();
        assertThat(b.count(RUN, "build")).isEqualTo(25_000);
        assertThat(b.count(RUN, "other")).isZero();
        assertThat(b.read(RUN, "build", 24_999, 5)).containsExactly("line 24999");
    }
}
