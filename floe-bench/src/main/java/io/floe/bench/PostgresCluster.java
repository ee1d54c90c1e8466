package io.floe.bench;

import io.floe.engine.Floe;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.store.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Issue 9's figures: 1, 2 and 3 hosts (engines in this JVM, each with its own connections and threads) on one
 * PostgreSQL database started from Debian's binaries: trigger → first task start (the trigger goes round the hosts,
 * the first task starts on whichever host claims the run), runs per second for a burst of one-task runs triggered
 * through all hosts at once, and the takeover time after the host running a run stops renewing its lease.
 */
public final class PostgresCluster {
    private static final String FLOWS = """
            common:
              store-type: postgres
              store-url: URL
              store-user: USER
              store-password-file: PASSWORD
              host-lease: LEASE
            flows:
              - id: first
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: work, listen: trigger.good, type: exec, opts: {cmd: "echo x"}}
                  - {name: done, listen: task.work.good, type: end}
              - id: quick
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: work, listen: trigger.good, type: exec, opts: {cmd: "true"}}
                  - {name: done, listen: task.work.good, type: end}
              - id: long
                ver: 1
                host-tags: [worker]
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: work, listen: trigger.good, type: exec, opts: {cmd: "sleep 600"}}
                  - {name: after, listen: task.work.error, type: exec, opts: {cmd: "echo x"}}
                  - {name: done, listen: task.after.good, type: end}
            """;

    private PostgresCluster() {}

    public static void run(Report r, int samples, int burst, int takeovers) throws Exception {
        System.setProperty(PostgresServer.DURABLE_PROPERTY, "true"); // every commit synced, as in production
        r.figure("Cluster on PostgreSQL (issue 9): 1, 2 and 3 hosts on one database");
        r.note("PostgreSQL " + serverVersion() + " on 127.0.0.1 (started by the benchmark from Debian's binaries, "
                + "fsync and synchronous_commit on), hosts in this JVM");
        for (int n = 1; n <= 3; n++) {
            try (Cluster c = new Cluster(n, "30s")) {
                List<Double> latency = new ArrayList<>();
                for (int i = 0; i < samples + samples / 5; i++) {
                    Floe at = c.hosts.get(i % n);
                    long t0 = System.nanoTime();
                    String run = Engines.trigger(at, "first", "go");
                    long s = c.firstStart(run).get(60, TimeUnit.SECONDS);
                    c.end(run).get(60, TimeUnit.SECONDS);
                    if (i >= samples / 5) {
                        latency.add((s - t0) / 1e6);
                    }
                }
                Stats st = Stats.of(latency);
                r.line(n + " host" + (n == 1 ? "" : "s") + ": trigger → first task start",
                        st.brief("ms", 2) + String.format("; p99 %.2f ms", st.p99()));

                List<CompletableFuture<Long>> ends = new ArrayList<>();
                long t0 = System.nanoTime();
                List<CompletableFuture<String>> triggered = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    Floe at = c.hosts.get(i % n);
                    triggered.add(at.trigger("quick", "go", Map.of())
                            .thenApply(o -> o.pends().get(0).id().toString()));
                }
                for (CompletableFuture<String> t : triggered) {
                    ends.add(c.end(t.get(60, TimeUnit.SECONDS)));
                }
                for (CompletableFuture<Long> e : ends) {
                    e.get(300, TimeUnit.SECONDS);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                r.line(n + " host" + (n == 1 ? "" : "s") + ": " + burst + " one-task runs triggered at once",
                        String.format("%.0f runs/s (%.2f s in all)", burst / secs, secs));
            }
        }
        List<Double> takeover = new ArrayList<>();
        for (int i = 0; i < takeovers; i++) {
            try (Cluster c = new Cluster(3, "5s")) {
                String run = Engines.trigger(c.hosts.get(0), "long", "go");
                c.firstStart(run).get(60, TimeUnit.SECONDS);
                String execHost = c.hosts.get(0).run(io.floe.engine.event.HostedRef.parse(run).orElseThrow())
                        .orElseThrow().record().ref().execHost();
                Floe running = c.byId.get(execHost);
                CompletableFuture<Long> after = c.nodeStart(run, "after");
                long stopped = System.nanoTime();
                c.stop(running);
                long resumed = after.get(120, TimeUnit.SECONDS);
                takeover.add((resumed - stopped) / 1e6);
            }
        }
        Stats st = Stats.of(takeover);
        r.line("takeover: host stops → the flow's error handler starts elsewhere (host-lease 5s)",
                st.brief("ms", 0));
        r.note("the takeover time is the host-lease plus at most one heartbeat (a third of the lease); with the "
                + "default 30s lease it is 30–40 s");
    }

    /**
     * Issue 15 §5, a first measurement: how the claim path scales with hosts. For each cluster size, on a fresh
     * durable database: trigger → first task start (one run at a time, round the hosts), one-task runs per second
     * for a burst triggered through all hosts at once with the CPU time and WAL flushes it cost per run, and the
     * database's commits and WAL flushes per second while the cluster is idle (heartbeats, role renewals and the claims
     * of their safety-net redispatch).
     */
    public static void scale(Report r, int samples, int burst, List<Integer> sizes) throws Exception {
        System.setProperty(PostgresServer.DURABLE_PROPERTY, "true");
        r.figure("Cluster on PostgreSQL (issue 15 §5): claims as hosts grow");
        r.note("PostgreSQL " + serverVersion() + " on 127.0.0.1 (fsync and synchronous_commit on), hosts in this JVM,"
                + " each with its own pools, heartbeat, listener and claim thread; host-lease 30s");
        for (int n : sizes) {
            try (Cluster c = new Cluster(n, "30s")) {
                long idleSyncs = walSyncs(c.db);
                long idleCommits = commitsPerSecond(c.db, 10_000);
                idleSyncs = (walSyncs(c.db) - idleSyncs) / 10;
                List<Double> latency = new ArrayList<>();
                for (int i = 0; i < samples + samples / 5; i++) {
                    Floe at = c.hosts.get(i % n);
                    long t0 = System.nanoTime();
                    String run = Engines.trigger(at, "first", "go");
                    long s = c.firstStart(run).get(60, TimeUnit.SECONDS);
                    c.end(run).get(60, TimeUnit.SECONDS);
                    if (i >= samples / 5) {
                        latency.add((s - t0) / 1e6);
                    }
                }
                Stats st = Stats.of(latency);
                // a burst that is not measured: the hosts' pools grow to their size (each new connection costs a
                // password hash on both sides) and the JIT compiles the burst's paths
                burst(c, n, burst / 4);
                List<CompletableFuture<String>> triggered = new ArrayList<>();
                long server = postmaster(c.db);
                double floeCpu = ProcessCpu.self();
                double serverCpu = ProcessCpu.server(server);
                long syncs = walSyncs(c.db);
                long t0 = System.nanoTime();
                for (int i = 0; i < burst; i++) {
                    triggered.add(c.hosts.get(i % n).trigger("quick", "go", Map.of())
                            .thenApply(o -> o.pends().get(0).id().toString()));
                }
                List<CompletableFuture<Long>> ends = new ArrayList<>();
                for (CompletableFuture<String> t : triggered) {
                    ends.add(c.end(t.get(120, TimeUnit.SECONDS)));
                }
                for (CompletableFuture<Long> e : ends) {
                    e.get(600, TimeUnit.SECONDS);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double floePerRun = (ProcessCpu.self() - floeCpu) / burst;
                double serverPerRun = (ProcessCpu.server(server) - serverCpu) / burst;
                double syncsPerRun = (walSyncs(c.db) - syncs) / (double) burst;
                r.line(n + " hosts", String.format("trigger → first task %s; p99 %.1f ms | %d one-task runs at once:"
                        + " %.0f runs/s, CPU per run %.2f ms floe (with its tasks) + %.2f ms PostgreSQL, %.2f WAL"
                        + " flushes per run | idle: %d commits/s, %d WAL flushes/s", st.brief("ms", 1), st.p99(), burst,
                        burst / secs, floePerRun, serverPerRun, syncsPerRun, idleCommits, idleSyncs));
            }
        }
    }

    /** Commits per second of the database over {@code millis} of the cluster's own traffic. */
    private static long commitsPerSecond(PostgresServer.TestDatabase db, long millis) throws Exception {
        long before = commits(db);
        Thread.sleep(millis);
        return (commits(db) - before) * 1000 / millis;
    }

    /** The server's WAL flushes so far ({@code pg_stat_wal.wal_sync}: every fsync of the WAL, by any process). */
    private static long walSyncs(PostgresServer.TestDatabase db) throws Exception {
        try (var c = db.connect(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT wal_sync FROM pg_stat_wal")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long commits(PostgresServer.TestDatabase db) throws Exception {
        try (var c = db.connect(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Triggers {@code count} one-task runs through all hosts at once and waits for their ends. */
    private static void burst(Cluster c, int n, int count) throws Exception {
        List<CompletableFuture<String>> triggered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            triggered.add(c.hosts.get(i % n).trigger("quick", "go", Map.of())
                    .thenApply(o -> o.pends().get(0).id().toString()));
        }
        List<CompletableFuture<Long>> ends = new ArrayList<>();
        for (CompletableFuture<String> t : triggered) {
            ends.add(c.end(t.get(120, TimeUnit.SECONDS)));
        }
        for (CompletableFuture<Long> e : ends) {
            e.get(600, TimeUnit.SECONDS);
        }
    }

    /** The process id of the database server's postmaster (the parent of a backend). */
    private static long postmaster(PostgresServer.TestDatabase db) throws Exception {
        try (var c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow().pid();
        }
    }

    private static String serverVersion() throws Exception {
        try (var c = PostgresServer.shared().newDatabase().connect(); var s = c.createStatement();
                var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** {@code n} hosts on a fresh database: h1 (also tagged master), h2, h3, all tagged worker. */
    private static final class Cluster implements AutoCloseable {
        final List<Floe> hosts = new ArrayList<>();
        final Map<String, Floe> byId = new java.util.HashMap<>();
        private final List<Engines.Watch> watches = new ArrayList<>();
        private final List<NodeWatch> nodeWatches = new ArrayList<>();
        private final Path root;
        final PostgresServer.TestDatabase db;

        Cluster(int n, String lease) throws Exception {
            root = Engines.tempDir("pg-cluster");
            db = PostgresServer.shared().newDatabase();
            Path password = root.resolve("password");
            Files.writeString(password, db.password());
            FloeConfig config = ConfigLoader.parse(FLOWS.replace("URL", db.url()).replace("USER", db.user())
                    .replace("PASSWORD", password.toString()).replace("LEASE", lease), "bench.yml", null,
                    Engines.types());
            for (int i = 1; i <= n; i++) {
                Floe f = Floe.builder(config).hostId("h" + i).tags(List.of("master", "worker")).types(Engines.types())
                        .workspaceRoot(root.resolve("h" + i)).scheduleTriggers(false).build();
                watches.add(new Engines.Watch(f));
                nodeWatches.add(new NodeWatch(f));
                f.start();
                hosts.add(f);
                byId.put("h" + i, f);
            }
        }

        CompletableFuture<Long> firstStart(String run) {
            return CompletableFuture.anyOf(watches.stream().map(w -> w.firstStart(run))
                    .toArray(CompletableFuture[]::new)).thenApply(Long.class::cast);
        }

        CompletableFuture<Long> end(String run) {
            return CompletableFuture.anyOf(watches.stream().map(w -> w.end(run))
                    .toArray(CompletableFuture[]::new)).thenApply(Long.class::cast);
        }

        CompletableFuture<Long> nodeStart(String run, String node) {
            return CompletableFuture.anyOf(nodeWatches.stream().map(w -> w.start(run, node))
                    .toArray(CompletableFuture[]::new)).thenApply(Long.class::cast);
        }

        void stop(Floe host) {
            hosts.remove(host);
            host.close();
        }

        @Override
        public void close() throws Exception {
            watches.forEach(Engines.Watch::close);
            hosts.forEach(Floe::close);
            Engines.delete(root);
        }
    }

    /** When each node of each run started, on one host. */
    private static final class NodeWatch {
        private final Map<String, CompletableFuture<Long>> starts = new java.util.concurrent.ConcurrentHashMap<>();

        NodeWatch(Floe floe) {
            floe.observe(e -> {
                if ("sys.node.start".equals(e.tag())) {
                    start(e.runRef().run().toString(), e.sourceNode().id()).complete(System.nanoTime());
                }
            });
        }

        CompletableFuture<Long> start(String run, String node) {
            return starts.computeIfAbsent(run + "/" + node, k -> new CompletableFuture<>());
        }
    }
}
