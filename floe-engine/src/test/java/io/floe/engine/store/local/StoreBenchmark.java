package io.floe.engine.store.local;

import static io.floe.engine.run.TestRuns.T0;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.TestRuns;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Measures the stores (not a test; nothing here asserts a time). Run from the module folder with
 * {@code java -cp <test classpath> io.floe.engine.store.local.StoreBenchmark [folder]}: commit rate of one-node batches for
 * each store and durability, and listing, ending and recovery costs with 100,000 archived runs.
 */
public final class StoreBenchmark {
    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) : Path.of("/tmp"), "floe-bench");
        try {
            commits("memory", new MemoryRunStore(), 200_000);
            try (LocalRunStore s = LocalRunStore.open(root.resolve("normal"), LocalRunStore.Durability.PROCESS_CRASH)) {
                commits("local PROCESS_CRASH (synchronous=NORMAL)", s, 20_000);
            }
            try (LocalRunStore s = LocalRunStore.open(root.resolve("full"), LocalRunStore.Durability.POWER_LOSS)) {
                commits("local POWER_LOSS (synchronous=FULL)", s, 2_000);
            }
            archive("memory", new MemoryRunStore(), null);
            try (LocalRunStore s = LocalRunStore.open(root.resolve("archive"))) {
                archive("local", s, s.file());
            }
            try (LocalRunStore s = LocalRunStore.open(root.resolve("archive"))) {
                long t = System.nanoTime();
                RunStore.Recovery r = s.recover();
                System.out.printf("local: reopen + recover() with 100,000 archived, %d active: %.1f ms%n",
                        r.active().size(), ms(t));
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A task's record updated once per batch, as the hub does when a task starts, logs, and stops. */
    private static void commits(String name, RunStore store, int n) {
        RunRecord run = TestRuns.pend("h1", 1, "build", T0).activated("h1", T0);
        store.commit(new StoreBatch().counter(1).run(run));
        NodeRecord node = NodeRecord.startedTask("build", T0);
        for (int i = 0; i < n / 10; i++) { // warm-up
            store.commit(new StoreBatch().node(run.id(), node.withLogLines(i)));
        }
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            store.commit(new StoreBatch().node(run.id(), node.withLogLines(i)));
        }
        double elapsed = ms(t);
        System.out.printf("%s: %d one-node commits in %.0f ms = %.0f commits/s (%.1f us each)%n", name, n, elapsed,
                n / (elapsed / 1000), elapsed * 1000 / n);
        store.close();
    }

    private static void archive(String name, RunStore store, Path db) throws Exception {
        long t = System.nanoTime();
        for (int b = 0; b < 100; b++) {
            StoreBatch batch = new StoreBatch();
            for (int i = 0; i < 1000; i++) {
                int k = b * 1000 + i;
                batch.run(TestRuns.archived("h1", k + 1, k % 10 == 0 ? "deploy" : "build", T0.plusMillis(k)));
            }
            store.commit(batch);
        }
        for (int i = 0; i < 5; i++) {
            store.commit(new StoreBatch().run(TestRuns.pend("h1", 200_000 + i, "build", T0.plusSeconds(10_000))
                    .activated("h1", T0.plusSeconds(10_001))));
        }
        System.out.printf("%s: stored 100,000 archived runs in batches of 1000: %.0f ms%n", name, ms(t));

        RunQuery q = RunQuery.of("build", RunStatus.ARCHIVED, 100);
        for (int i = 0; i < 50; i++) {
            store.list(q); // warm-up
        }
        t = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            store.list(q);
        }
        System.out.printf("%s: list() first page of 100 (one flow, archived): %.2f ms%n", name, ms(t) / 200);

        t = System.nanoTime();
        RunPage page = store.list(q);
        int pages = 1;
        RunPage deep = null;
        while (page.next() != null) {
            page = store.list(q.after(page.next()));
            pages++;
            if (pages == 800) {
                deep = page;
            }
        }
        System.out.printf("%s: walked all %d pages of 100 (90,000 runs): %.2f ms per page%n", name, pages,
                ms(t) / pages);
        RunCursor deepCursor = RunCursor.of(deep.runs().get(0));
        t = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            store.list(q.after(deepCursor));
        }
        System.out.printf("%s: list() page 800 from its cursor: %.2f ms%n", name, ms(t) / 200);
        t = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            store.list(q);
        }
        System.out.printf("%s: list() first page again, warm: %.2f ms%n", name, ms(t) / 200);
        RunQuery all = new RunQuery("", null, 100, null);
        t = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            store.list(all);
        }
        System.out.printf("%s: list() all flows, all states, 100: %.2f ms%n", name, ms(t) / 200);

        RunRecord active = store.list(RunQuery.of("build", RunStatus.ACTIVE, 1)).runs().get(0);
        t = System.nanoTime();
        store.commit(new StoreBatch().run(active.archived(T0.plusSeconds(20_000), true, "end node complete")));
        System.out.printf("%s: ending one run with 100,000 archived: %.2f ms%n", name, ms(t));
        t = System.nanoTime();
        store.find(new HostedRef("h1", 50_000));
        System.out.printf("%s: find() one run: %.2f ms%n", name, ms(t));

        if (db != null) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                plan(c, LocalRunStore.listSql(true));
                plan(c, LocalRunStore.FLOW_IDS);
            }
            System.out.printf("local: database size %.1f MB%n", Files.size(db) / 1e6);
        }
    }

    private static void plan(Connection c, String sql) throws Exception {
        try (PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            int params = (int) sql.chars().filter(ch -> ch == '?').count();
            for (int i = 1; i <= params; i++) {
                p.setObject(i, 1);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    System.out.println("plan: " + rs.getString(4));
                }
            }
        }
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
