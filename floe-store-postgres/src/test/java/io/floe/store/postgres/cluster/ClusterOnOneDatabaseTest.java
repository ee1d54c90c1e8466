package io.floe.store.postgres.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.DataReceipt;
import io.floe.engine.Floe;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.NodeTypes;
import io.floe.store.postgres.PostgresRunStore;
import io.floe.store.postgres.PostgresServer;
import io.floe.testflows.TestFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hosts (engines in this JVM, each with its own store connection, threads and workspace) on one real
 * PostgreSQL database behave as one system: tags decide where runs go, a resource tag excludes runs cluster-wide, a
 * host that stops is taken over, a host frozen in the middle of a claim holds up no other host, and a timer fires once
 * per period whichever host fires it.
 */
class ClusterOnOneDatabaseTest {
    @TempDir
    Path dir;

    private final Map<String, Floe> hosts = new LinkedHashMap<>();

    @AfterEach
    void stopHosts() {
        hosts.values().forEach(Floe::close);
    }

    @Test
    void runsGoToHostsWhoseTagsFitAndEveryHostListsThemAll() throws Exception {
        FloeConfig config = config("pg-cluster.yml");
        Floe h1 = host("h1", config, "master");
        Floe h2 = host("h2", config, "worker");
        Floe h3 = host("h3", config, "worker", "gpu");

        List<HostedRef> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Floe at = List.of(h1, h2, h3).get(i % 3);
            runs.add(trigger(at, "pg-gpu"));
        }
        for (HostedRef run : runs) {
            RunRecord r = awaitArchived(h2, run).record();
            assertThat(r.good()).as("run %s: %s", run, r.endReason()).isTrue();
            assertThat(r.ref().execHost()).as("only h3 has the tag gpu").isEqualTo("h3");
        }
        for (Floe h : hosts.values()) {
            RunPage page = h.runs(RunQuery.of("pg-gpu", RunStatus.ARCHIVED, 50));
            assertThat(page.runs()).extracting(RunRecord::id).containsExactlyInAnyOrderElementsOf(runs);
        }
        // the output of a task that ran on h3 is read on h1
        assertThat(h1.log(runs.get(0), "where", 0, 10)).anySatisfy(line -> assertThat(line)
                .contains(dir.resolve("h3").resolve("spaces").resolve("pg-gpu").toString()));
    }

    @Test
    void runsSharingAResourceTagAreNeverActiveTwoAtOnceAcrossTheCluster() throws Exception {
        FloeConfig config = config("pg-cluster.yml");
        List<Floe> all = List.of(host("h1", config, "master"), host("h2", config, "master"),
                host("h3", config, "master"));
        int count = 100;
        List<CompletableFuture<HostedRef>> triggered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Floe at = all.get(i % 3);
            triggered.add(at.trigger("pg-serial", "start", Map.of()).thenApply(o -> o.pends().get(0).id()));
        }
        List<StoredRun> done = new ArrayList<>();
        for (CompletableFuture<HostedRef> t : triggered) {
            done.add(awaitArchived(all.get(0), t.join()));
        }
        assertThat(done).allSatisfy(r -> assertThat(r.record().good()).as(r.record().endReason()).isTrue());
        List<RunRecord> byStart = done.stream().map(StoredRun::record)
                .sorted(Comparator.comparing(RunRecord::started)).toList();
        for (int i = 1; i < byStart.size(); i++) {
            RunRecord before = byStart.get(i - 1);
            RunRecord next = byStart.get(i);
            assertThat(next.started()).as("run %s on %s started before run %s on %s ended",
                    next.id(), next.ref().execHost(), before.id(), before.ref().execHost())
                    .isAfterOrEqualTo(before.ended());
        }
        Map<String, Long> perHost = byStart.stream()
                .collect(Collectors.groupingBy(r -> r.ref().execHost(), Collectors.counting()));
        assertThat(perHost.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(count);
    }

    @Test
    void aHostThatStopsIsTakenOverAndTheFlowHandlesTheInterruption() throws Exception {
        FloeConfig config = config("pg-cluster.yml");
        Floe h1 = host("h1", config, "master");
        host("h2", config, "worker");
        host("h3", config, "worker");

        HostedRef run = trigger(h1, "pg-long");
        await(() -> h1.run(run).map(r -> r.nodes().containsKey("work")
                && r.record().status() == RunStatus.ACTIVE).orElse(false), Duration.ofSeconds(30),
                "the run's work to start");
        String first = h1.run(run).orElseThrow().record().ref().execHost();
        assertThat(first).isIn("h2", "h3");

        Instant stopped = Instant.now();
        hosts.remove(first).close(); // stops renewing its lease; its run stays active in the database

        StoredRun after = awaitArchived(h1, run);
        Duration takeover = Duration.between(stopped, after.nodes().get("recover").started());
        String second = first.equals("h2") ? "h3" : "h2";
        assertThat(after.record().ref().execHost()).isEqualTo(second);
        NodeRecord work = after.nodes().get("work");
        assertThat(work.error()).isEqualTo("interrupted: host " + first + " lost");
        assertThat(after.nodes().get("recover").good()).isTrue();
        assertThat(after.record().good()).as(after.record().endReason()).isTrue();
        assertThat(h1.log(run, "work", 0, 100)).contains("interrupted: host " + first + " lost");
        System.out.printf("takeover after the host stopped: %d ms (host-lease 5s)%n", takeover.toMillis());
    }

    @Test
    void aTimerFiresOncePerPeriodAcrossTheClusterAlsoWhenItsHostStops() throws Exception {
        FloeConfig config = config("pg-timer.yml");
        Instant began = Instant.now();
        host("h1", config, "master");
        host("h2", config, "master");
        host("h3", config, "master");
        Floe watcher = hosts.get("h1");

        await(() -> archived(watcher, "pg-tick").size() >= 5, Duration.ofSeconds(30), "five ticks");
        String firing = hosts.entrySet().stream().filter(e -> e.getValue().firesTriggers()).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        assertThat(hosts.values().stream().filter(Floe::firesTriggers)).hasSize(1);
        Floe other = hosts.entrySet().stream().filter(e -> !e.getKey().equals(firing)).findFirst().orElseThrow()
                .getValue();
        int before = archived(other, "pg-tick").size();
        hosts.remove(firing).close();

        await(() -> archived(other, "pg-tick").size() >= before + 4, Duration.ofSeconds(30),
                "four more ticks after " + firing + " stopped");
        List<RunRecord> ticks = archived(other, "pg-tick");
        assertThat(ticks.stream().map(r -> r.id().hostId()).distinct().count())
                .as("another host fires once the first stopped").isGreaterThan(1);
        Instant seen = Instant.now();
        String all = ticks.stream().sorted(Comparator.comparing(RunRecord::adopted))
                .map(r -> r.adopted() + " by " + r.id().hostId()).collect(Collectors.joining(", "));
        // once per period: a 1 s timer first fires a period after its host started, then once a period (each fire at
        // most 50 ms early), so no more ticks than whole periods since the first host's start. (Not the gaps between
        // adoptions: a tick adopted late on a busy host sits close to the next one, and that is no double fire.)
        long periods = Duration.between(began, seen).plusMillis(50).toSeconds();
        assertThat((long) ticks.size()).as("ticks in %d periods (%s stopped; all ticks: %s)", periods, firing, all)
                .isLessThanOrEqualTo(periods);
    }

    @Test
    void aHostCutOffFromTheDatabaseStopsItsTasksBeforeAnotherTakesItsRunOver() throws Exception {
        PostgresServer.TestDatabase db = PostgresServer.shared().newDatabase();
        FloeConfig direct = config("pg-cluster.yml", db, db.url());
        try (CuttableProxy proxy = new CuttableProxy(PostgresServer.shared().port())) {
            String proxied = db.url().replace(":" + PostgresServer.shared().port() + "/", ":" + proxy.port() + "/");
            Floe h1 = host("h1", direct, "master");
            host("h2", config("pg-cluster.yml", db, proxied), "worker");

            HostedRef run = trigger(h1, "pg-long");
            await(() -> h1.run(run).map(r -> r.nodes().containsKey("work")).orElse(false), Duration.ofSeconds(30),
                    "the work to start on h2");
            await(() -> sleeping().isPresent(), Duration.ofSeconds(30), "the task's process");
            ProcessHandle task = sleeping().orElseThrow();

            proxy.cut(); // h2 can no longer renew its lease, nor record anything
            host("h3", direct, "worker");
            // the last moment the task was seen running: read before each look, so it is never after the task died.
            // Running, not "alive": a killed child of this JVM stays a zombie (isAlive true) until it is reaped
            java.util.concurrent.atomic.AtomicReference<Instant> seenRunning = new java.util.concurrent.atomic
                    .AtomicReference<>(Instant.now());
            await(() -> {
                Instant now = Instant.now();
                boolean alive = running(task.pid());
                if (alive) {
                    seenRunning.set(now);
                }
                return alive;
            }, false, Duration.ofSeconds(30), "h2 to stop its task");

            StoredRun after = awaitArchived(h1, run);
            assertThat(after.record().ref().execHost()).isEqualTo("h3");
            assertThat(after.nodes().get("work").error()).isEqualTo("interrupted: host h2 lost");
            assertThat(after.nodes().get("recover").started())
                    .as("h3 takes the run over only after h2 stopped its task").isAfter(seenRunning.get());
            assertThat(after.record().good()).as(after.record().endReason()).isTrue();
        }
    }

    @Test
    void aHostFrozenInsideItsClaimHoldsUpNoOtherHostAndItsRunIsTakenOverWhileItIsStillFrozen() throws Exception {
        PostgresServer.TestDatabase db = PostgresServer.shared().newDatabase();
        FloeConfig direct = config("pg-cluster.yml", db, db.url());
        try (FreezingProxy proxy = new FreezingProxy(PostgresServer.shared().port())) {
            // statement texts go over the wire, so the proxy sees h1's claims
            String frozenUrl = db.url().replace(":" + PostgresServer.shared().port() + "/", ":" + proxy.port() + "/")
                    + "?prepareThreshold=0";
            Floe h1 = host("h1", config("pg-cluster.yml", db, frozenUrl), "worker");
            HostedRef lost = triggerWithin(h1, "pg-long");
            await(() -> running(h1, lost, "work"), Duration.ofSeconds(30), "h1 to run the work of " + lost);
            Floe h2 = host("h2", direct, "worker");
            Floe h3 = host("h3", direct, "worker");
            Map<String, Long> joined = epochs(db);

            // h1 stops dead inside its next claim (one heartbeat at most), its transaction open
            proxy.freezeAfter("SELECT DISTINCT flow_hash FROM runs");
            proxy.awaitFrozen(Duration.ofSeconds(30));

            HostedRef second = triggerWithin(h2, "pg-long");
            HostedRef third = triggerWithin(h3, "pg-long");
            List<HostedRef> quick = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                quick.add(triggerWithin(i % 2 == 0 ? h2 : h3, "pg-serial"));
            }
            StoredRun taken = awaitArchived(h2, lost);
            for (HostedRef run : quick) {
                RunRecord r = awaitArchived(h3, run).record();
                assertThat(r.good()).as("run %s: %s", run, r.endReason()).isTrue();
                assertThat(r.ref().execHost()).isIn("h2", "h3");
            }
            await(() -> running(h2, second, "work") && running(h3, third, "work"), Duration.ofSeconds(30),
                    "the work of " + second + " and " + third);

            assertThat(proxy.isFrozen()).as("h1 is still frozen").isTrue();
            assertThat(taken.record().ref().execHost()).isIn("h2", "h3");
            assertThat(taken.nodes().get("work").error()).isEqualTo("interrupted: host h1 lost");
            assertThat(taken.record().good()).as(taken.record().endReason()).isTrue();
            // neither h2 nor h3 declared itself cut off: each has the epoch it joined with, its tasks still run
            Map<String, Long> now = epochs(db);
            assertThat(now.get("h2")).as("h2's epoch").isEqualTo(joined.get("h2"));
            assertThat(now.get("h3")).as("h3's epoch").isEqualTo(joined.get("h3"));
            for (HostedRef run : List.of(second, third)) {
                NodeRecord work = h2.run(run).orElseThrow().nodes().get("work");
                assertThat(work.running()).as("the work of %s", run).isTrue();
                assertThat(work.error()).as("the work of %s", run).isEmpty();
            }
        }
    }

    @Test
    void aClaimOrCancellationTheDatabaseIsSlowToAnswerHoldsUpNoOtherWorkOfItsHost() throws Exception {
        PostgresServer.TestDatabase db = PostgresServer.shared().newDatabase();
        FloeConfig config = config("pg-cluster.yml", db, db.url());
        try (HeldStore store = new HeldStore(PostgresRunStore.open(db.settings("h1", Duration.ofSeconds(5))))) {
            Floe h1 = Floe.builder(config).hostId("h1").tags(List.of("master")).workspaceRoot(dir.resolve("h1"))
                    .store(store).build();
            hosts.put("h1", h1);
            h1.start();
            try {
                HostedRef signing = triggerWithin(h1, "pg-approve");
                await(() -> h1.run(signing).map(r -> r.nodes().containsKey("sign-off")).orElse(false),
                        Duration.ofSeconds(30), "run " + signing + " to wait for its sign-off");

                store.hold(); // the database stops answering claims and cancellations
                HostedRef pend = triggerWithin(h1, "pg-approve");
                await(() -> store.waiting() == 1, Duration.ofSeconds(30), "h1's claim of " + pend);
                CompletableFuture<Boolean> cancel = h1.cancel(pend, "not needed after all");

                DataReceipt receipt = h1.supplyData(signing, "sign-off", Map.of("ok", "yes")).get(30, TimeUnit.SECONDS);
                assertThat(receipt.complete()).as(receipt.message()).isTrue();
                RunRecord signed = awaitArchived(h1, signing).record();
                assertThat(signed.good()).as(signed.endReason()).isTrue();
                assertThat(store.waiting()).as("the claim still waits for the database").isEqualTo(1);
                assertThat(cancel).as("the cancellation waits behind the claim").isNotDone();

                store.release();
                assertThat(cancel.get(30, TimeUnit.SECONDS)).isTrue();
                RunRecord cancelled = awaitArchived(h1, pend).record();
                assertThat(cancelled.good()).isFalse();
                assertThat(cancelled.endReason()).contains("not needed after all");
            } finally {
                hosts.remove("h1").close();
            }
        }
    }

    /** Whether the node's task runs, as {@code at} reads the store. */
    private static boolean running(Floe at, HostedRef run, String node) {
        return at.run(run).map(r -> r.record().status() == RunStatus.ACTIVE && r.nodes().containsKey(node)
                && r.nodes().get(node).running()).orElse(false);
    }

    /** Each host's fencing epoch, which changes when a host joins again after it was cut off. */
    private static Map<String, Long> epochs(PostgresServer.TestDatabase db) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, epoch FROM hosts")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Triggers {@code flow}, failing when the host does not answer (its routing thread is held up). */
    private static HostedRef triggerWithin(Floe at, String flow) throws Exception {
        var outcome = at.trigger(flow, "start", Map.of()).get(30, TimeUnit.SECONDS);
        assertThat(outcome.errors()).isEmpty();
        return outcome.pends().get(0).id();
    }

    /** The {@code sleep 300} of a {@code pg-long} run, started by a host in this JVM. */
    private static Optional<ProcessHandle> sleeping() {
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("sleep 300"))
                .findFirst();
    }

    /** A fixture's config on a new database of the test server. */
    private FloeConfig config(String fixture) throws Exception {
        PostgresServer.TestDatabase db = PostgresServer.shared().newDatabase();
        return config(fixture, db, db.url());
    }

    /** A fixture's config on {@code db}, reached at {@code url}. */
    private FloeConfig config(String fixture, PostgresServer.TestDatabase db, String url) throws Exception {
        Path password = dir.resolve("db-password");
        Files.writeString(password, db.password() + "\n");
        String yaml = TestFlows.text(fixture).replace("STORE_URL", url).replace("STORE_USER", db.user())
                .replace("PASSWORD_FILE", password.toString());
        return ConfigLoader.parse(yaml, fixture, dir, NodeTypes.discover());
    }

    private Floe host(String id, FloeConfig config, String... tags) {
        Floe floe = Floe.builder(config).hostId(id).tags(List.of(tags)).workspaceRoot(dir.resolve(id)).build();
        hosts.put(id, floe);
        floe.start();
        return floe;
    }

    private static HostedRef trigger(Floe at, String flow) {
        var outcome = at.trigger(flow, "start", Map.of()).join();
        assertThat(outcome.errors()).isEmpty();
        return outcome.pends().get(0).id();
    }

    private static List<RunRecord> archived(Floe at, String flow) {
        return at.runs(new RunQuery(flow, EnumSet.of(RunStatus.ARCHIVED), 1000, null)).runs();
    }

    private static StoredRun awaitArchived(Floe at, HostedRef run) throws InterruptedException {
        await(() -> at.run(run).map(r -> r.record().status() == RunStatus.ARCHIVED).orElse(false),
                Duration.ofSeconds(60), "run " + run + " to be archived");
        return at.run(run).orElseThrow();
    }

    private static void await(BooleanSupplier condition, boolean expected, Duration timeout, String what)
            throws InterruptedException {
        await(() -> condition.getAsBoolean() == expected, timeout, what);
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        Await.until(what, timeout, condition);
    }

    /** Whether process {@code pid} runs: gone, or a zombie waiting to be reaped, is not running. */
    private static boolean running(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
