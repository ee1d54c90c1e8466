package io.floe.store.postgres;

import static io.floe.engine.run.TestRuns.T0;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.TestRuns;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.store.jdbc.RunRows;
import io.floe.store.postgres.PostgresServer.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Measures the PostgreSQL store (not a test; nothing here asserts a time). Run from the module folder with
 * {@code java -cp <test classpath> io.floe.store.postgres.PostgresStoreBenchmark}: it starts its own server (or uses
 * {@value PostgresServer#URL_ENV}) and prints commit, log, claim and listing figures.
 */
public final class PostgresStoreBenchmark {
    private static final Duration LEASE = Duration.ofMinutes(5);

    private PostgresStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        PostgresServer server = PostgresServer.shared();
        commits(server.newDatabase(), 5_000);
        logs(server.newDatabase(), 200_000);
        claims(server.newDatabase(), 300);
        archive(server.newDatabase());
        System.exit(0);
    }

    /** A task's record updated once per batch, as the hub does when a task starts, logs, and stops. */
    private static void commits(TestDatabase db, int n) {
        try (PostgresRunStore s = PostgresRunStore.open(db.settings("h1", LEASE))) {
            s.join(List.of());
            RunRecord run = TestRuns.pend("h1", 1, "build", T0).activated("h1", T0);
            s.commit(new StoreBatch().counter(1).run(run));
            NodeRecord node = NodeRecord.startedTask("build", T0);
            for (int i = 0; i < n / 10; i++) {
                s.commit(new StoreBatch().node(run.id(), node.withLogLines(i)));
            }
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s.commit(new StoreBatch().node(run.id(), node.withLogLines(i)));
            }
            System.out.printf("commit of a one-node batch: %,.0f per second (%.2f ms each)%n", n / secs(t),
                    ms(t) / n);
            t = System.nanoTime();
            for (int i = 0; i < n / 5; i++) {
                RunRecord r = TestRuns.pend("h1", 10 + i, "build", T0.plusMillis(i));
                s.commit(new StoreBatch().counter(10 + i).run(r));
            }
            System.out.printf("commit of a pend (counter + run, wakes the cluster): %,.0f per second%n",
                    n / 5 / secs(t));
        }
    }

    private static void logs(TestDatabase db, int n) {
        try (PostgresRunStore s = PostgresRunStore.open(db.settings("h1", LEASE))) {
            HostedRef run = new HostedRef("h1", 1);
            s.join(List.of()); // only the host executing a run writes its log
            s.commit(new StoreBatch().counter(1).run(TestRuns.pend("h1", 1, "build", T0)));
            s.claim(f -> true, 1, T0);
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                s.logs().append(run, "build", "line " + i + " of the build output, about sixty characters long");
            }
            s.logs().flush(run, "build");
            System.out.printf("task log: %,d lines appended and flushed in %.0f ms (%,.0f lines per second)%n", n,
                    ms(t), n / secs(t));
            t = System.nanoTime();
            int lines = s.logs().read(run, "build", 0, n).size();
            System.out.printf("task log: all %,d lines read in %.0f ms; ", lines, ms(t));
            t = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                s.logs().read(run, "build", (long) i * (n / 100), 100);
            }
            System.out.printf("a page of 100 lines from anywhere: %.2f ms%n", ms(t) / 100);
            // many nodes at once, each with a short burst, as a busy host's tasks produce
            t = System.nanoTime();
            for (int node = 0; node < 200; node++) {
                for (int i = 0; i < 50; i++) {
                    s.logs().append(run, "node-" + node, "line " + i);
                }
                s.logs().flush(run, "node-" + node);
            }
            System.out.printf("task log: 200 nodes of 50 lines, each flushed: %.0f ms%n", ms(t));
        }
    }

    /** Time from a pend committed by one host to its claim by another that was woken by the notification. */
    @SuppressWarnings("try") // the subscription only has to be open
    private static void claims(TestDatabase db, int n) throws Exception {
        FlowConfig flow = Pends.flow("free", List.of(), List.of());
        try (PostgresRunStore a = PostgresRunStore.open(db.settings("a", LEASE));
                PostgresRunStore b = PostgresRunStore.open(db.settings("b", LEASE))) {
            a.join(List.of());
            b.join(List.of());
            Semaphore woken = new Semaphore(0);
            try (AutoCloseable l = b.listen(woken::release)) {
                Thread.sleep(500); // let the listener connect before measuring
                List<Double> latencies = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    woken.drainPermits();
                    long t = System.nanoTime();
                    a.commit(new StoreBatch().counter(i).run(Pends.pend("a", i, flow, Instant.now())));
                    int got = 0;
                    while (got == 0) {
                        if (!woken.tryAcquire(5, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("no wake-up for pend " + i);
                        }
                        got = b.claim(f -> true, 10, Instant.now()).claimed().size();
                    }
                    latencies.add(ms(t));
                }
                latencies.sort(Double::compare);
                System.out.printf("pend committed by host a -> woken and claimed by host b: median %.2f ms,"
                        + " 95th percentile %.2f ms (%d pends)%n", latencies.get(n / 2),
                        latencies.get(n * 95 / 100), n);
            }
            long t = System.nanoTime();
            int claimed = 0;
            StoreBatch batch = new StoreBatch();
            for (int i = 0; i < 1000; i++) {
                batch.run(Pends.pend("a", 10_000 + i, flow, Instant.now()));
            }
            a.commit(batch);
            t = System.nanoTime();
            while (claimed < 1000) {
                claimed += b.claim(f -> true, 50, Instant.now()).claimed().size();
            }
            System.out.printf("claiming 1,000 waiting pends 50 at a time: %.0f ms (%,.0f runs per second)%n",
                    ms(t), 1000 / secs(t));
        }
    }

    private static void archive(TestDatabase db) throws Exception {
        try (PostgresRunStore s = PostgresRunStore.open(db.settings("h1", LEASE))) {
            s.join(List.of());
            long t = System.nanoTime();
            for (int chunk = 0; chunk < 100; chunk++) {
                StoreBatch b = new StoreBatch();
                for (int i = 0; i < 1000; i++) {
                    int n = chunk * 1000 + i + 1;
                    b.run(TestRuns.archived("h1", n, n % 10 == 0 ? "deploy" : "build", T0.plusMillis(n)));
                }
                s.commit(b);
            }
            System.out.printf("100,000 archived runs written in batches of 1,000: %.1f s%n", secs(t));
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("ANALYZE runs");
            }
            RunQuery q = RunQuery.of("build", RunStatus.ARCHIVED, 100);
            for (int i = 0; i < 300; i++) {
                s.list(q); // warm-up (the JIT)
            }
            t = System.nanoTime();
            var page = s.list(q);
            for (int i = 0; i < 50; i++) {
                page = s.list(q.after(page.next()));
            }
            System.out.printf("a page of 100 archived runs of one flow, deep in 100,000: %.2f ms%n", ms(t) / 51);
            try (Connection c = db.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("EXPLAIN SELECT " + RunRows.RUN_COLUMNS + " FROM runs WHERE"
                            + " flow_id = 'build' AND status = 'ARCHIVED' AND (adopted_ms, run_host, run_n) < ("
                            + T0.plusMillis(50_000).toEpochMilli() + ", 'h1', 50000)"
                            + " ORDER BY adopted_ms DESC, run_host DESC, run_n DESC LIMIT 101")) {
                System.out.println("plan of a listing page:");
                while (rs.next()) {
                    System.out.println("  " + rs.getString(1));
                }
            }
            t = System.nanoTime();
            var r = s.recover();
            System.out.printf("recover() with 100,000 archived runs: %.1f ms (%d active)%n", ms(t),
                    r.active().size());
        }
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
