package io.floe.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.TaskLogs;
import io.floe.store.postgres.PostgresServer.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Task logs in the shared database: what one host writes, every host reads. */
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

    private PostgresRunStore host(String id) {
        PostgresRunStore s = PostgresRunStore.open(db.settings(id, LEASE));
        stores.add(s);
        return s;
    }

    @Test
    void linesFlushedByOneHostAreReadByAnotherAndNumberingContinuesThere() {
        TaskLogs a = host("a").logs();
        TaskLogs b = host("b").logs();
        a.append(RUN, "build", "in dir: /ws");
        a.append(RUN, "build", "make all");
        a.append(RUN, "build", "");
        a.flush(RUN, "build");

        assertThat(b.read(RUN, "build", 0, 10)).containsExactly("in dir: /ws", "make all", "");
        assertThat(b.count(RUN, "build")).isEqualTo(3);

        // b took the run over: its lines follow a's
        b.append(RUN, "build", "interrupted: host a lost");
        b.flush(RUN, "build");
        assertThat(a.read(RUN, "build", 0, 10)).containsExactly("in dir: /ws", "make all", "",
                "interrupted: host a lost");
        assertThat(a.count(RUN, "build")).isEqualTo(4);
        assertThat(a.read(RUN, "build", 3, 10)).containsExactly("interrupted: host a lost");
    }

    @Test
    void linesNotYetFlushedReachOtherHostsByTheBackgroundDrain() {
        TaskLogs a = host("a").logs();
        TaskLogs b = host("b").logs();
        a.append(RUN, "test", "still running");

        Await.until("b sees a's line", Duration.ofSeconds(20), () -> b.count(RUN, "test") == 1);
        assertThat(b.read(RUN, "test", 0, 10)).containsExactly("still running");
        assertThat(a.count(RUN, "test")).isEqualTo(1);
    }

    @Test
    void longLinesAndTextPostgresCannotHoldAreKept() {
        TaskLogs a = host("a").logs();
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
        PostgresRunStore a = host("a");
        IntStream.range(0, 1000).forEach(i -> a.logs().append(RUN, "deploy", "line " + i));
        a.close();

        List<String> lines = host("b").logs().read(RUN, "deploy", 0, 2000);
        assertThat(lines).hasSize(1000);
        assertThat(lines.get(999)).isEqualTo("line 999");
    }

    @Test
    void aFreshStoreCountsLinesItNeverSaw() {
        PostgresRunStore a = host("a");
        IntStream.range(0, 25_000).forEach(i -> a.logs().append(RUN, "build", "line " + i));
        a.logs().flush(RUN, "build");

        TaskLogs b = host("b").logs();
        assertThat(b.count(RUN, "build")).isEqualTo(25_000);
        assertThat(b.count(RUN, "other")).isZero();
        assertThat(b.read(RUN, "build", 24_999, 5)).containsExactly("line 24999");
    }
}
