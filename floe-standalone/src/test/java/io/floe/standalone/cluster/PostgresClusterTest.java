package io.floe.standalone.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.host.HostJvm;
import io.floe.store.postgres.PostgresServer;
import io.floe.testflows.TestFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real host processes on one real PostgreSQL database (store-type: postgres): runs go where their tags fit,
 * runs holding one resource tag never overlap wherever they run, every host's API lists every run and shows every
 * log, and a host killed with SIGKILL mid-run is taken over by another whose tags fit.
 */
class PostgresClusterTest {
    private static final String ADMIN = "pg-cluster-admin";

    @TempDir
    Path dir;

    private final Map<String, HostJvm> hosts = new LinkedHashMap<>();
    private final Map<String, Api> apis = new LinkedHashMap<>();

    @AfterEach
    void stopHosts() throws InterruptedException {
        for (HostJvm h : hosts.values()) {
            h.close();
        }
    }

    @Test
    void threeHostsOnOneDatabaseBehaveAsOneSystem() throws Exception {
        Path conf = writeConfig();
        start("h1", conf, "master");
        start("h2", conf, "worker");
        start("h3", conf, "worker,gpu");

        // tags decide: only h3 runs pg-gpu, whichever host took the trigger
        List<String> gpuRuns = new ArrayList<>();
        for (Api api : apis.values()) {
            gpuRuns.add(trigger(api, "pg-gpu"));
        }
        for (String run : gpuRuns) {
            JsonObject s = awaitEnded(apis.get("h1"), "pg-gpu", run);
            assertThat(s.get("Good").getAsBoolean()).as("run %s: %s", run, s).isTrue();
            assertThat(s.get("ExecHost").getAsString()).isEqualTo("h3");
        }

        // 102 runs holding the resource tag db, triggered at once through all three hosts, never overlap
        ConcurrentLinkedQueue<String> serial = new ConcurrentLinkedQueue<>();
        List<Thread> firing = new ArrayList<>();
        for (Api api : apis.values()) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 34; i++) {
                    serial.add(trigger(api, "pg-serial"));
                }
            });
            t.start();
            firing.add(t);
        }
        for (Thread t : firing) {
            t.join();
        }
        List<JsonObject> ended = new ArrayList<>();
        for (String run : serial) {
            ended.add(awaitEnded(apis.get("h2"), "pg-serial", run));
        }
        assertThat(ended).allSatisfy(s -> assertThat(s.get("Good").getAsBoolean()).as("%s; its task: %s%n%s", s,
                node(apis.get("h1"), "pg-serial", id(s), "work"), hostOutput()).isTrue());
        ended.sort(Comparator.comparing(s -> Instant.parse(s.get("StartTime").getAsString())));
        for (int i = 1; i < ended.size(); i++) {
            JsonObject before = ended.get(i - 1);
            JsonObject next = ended.get(i);
            assertThat(Instant.parse(next.get("StartTime").getAsString()))
                    .as("%s started before %s ended", next, before)
                    .isAfterOrEqualTo(Instant.parse(before.get("EndTime").getAsString()));
        }
        for (Api api : apis.values()) {
            assertThat(TestCluster.ids(runs(api, "pg-serial"), "Archive"))
                    .as("the archive as host %s lists it", api.url).containsExactlyInAnyOrderElementsOf(serial);
        }

        // a host killed mid-run: another worker takes the run over, and the flow handles the interruption
        String run = trigger(apis.get("h1"), "pg-long");
        Await.until(() -> node(apis.get("h1"), "pg-long", run, "work")
                .map(n -> "running".equals(n.get("Status").getAsString())).orElse(false), Duration.ofSeconds(60));
        String victim = summary(apis.get("h1"), "pg-long", run).orElseThrow().get("ExecHost").getAsString();
        assertThat(victim).as("the host running %s%n%s", run, hostOutput()).isIn("h2", "h3");
        Instant killed = Instant.now();
        hosts.remove(victim).kill();
        apis.remove(victim);

        JsonObject after = awaitEnded(apis.get("h1"), "pg-long", run);
        JsonObject cluster = apis.get("h1").get("/cluster", admin()).payload().getAsJsonObject();
        Map<String, Boolean> alive = new LinkedHashMap<>();
        cluster.getAsJsonArray("Hosts").forEach(h -> alive.put(h.getAsJsonObject().get("ID").getAsString(),
                h.getAsJsonObject().get("Alive").getAsBoolean()));
        assertThat(cluster.get("SharedStore").getAsBoolean()).isTrue();
        assertThat(alive).containsEntry(victim, false).containsEntry("h1", true).hasSize(3);
        String heir = victim.equals("h2") ? "h3" : "h2";
        assertThat(after.get("ExecHost").getAsString()).isEqualTo(heir);
        assertThat(after.get("Good").getAsBoolean()).as(after.toString()).isTrue();
        JsonObject work = node(apis.get("h1"), "pg-long", run, "work").orElseThrow();
        assertThat(work.get("Error").getAsString()).isEqualTo("interrupted: host " + victim + " lost");
        assertThat(node(apis.get(heir), "pg-long", run, "recover").orElseThrow().get("Result").getAsString())
                .isEqualTo("success");
        Instant recovered = Instant.parse(node(apis.get("h1"), "pg-long", run, "recover").orElseThrow()
                .get("Started").getAsString());
        System.out.printf("SIGKILLed %s; %s took its run over after %d ms (host-lease 5s)%n", victim, heir,
                Duration.between(killed, recovered).toMillis());
        // the log the dead host wrote, and the interruption, are read from any host
        assertThat(apis.get("h1").get("/flows/pg-long/runs/" + run + "/nodes/work/log", admin()).body())
                .contains("sleep 300").contains("interrupted: host " + victim + " lost");
    }

    @Test
    void aTimerFiresOncePerPeriodAcrossTheClusterAndGoesOnWhenItsHostIsKilled() throws Exception {
        Path conf = writeConfig("pg-timer.yml");
        Instant began = Instant.now();
        start("h1", conf, "master");
        start("h2", conf, "master");
        start("h3", conf, "master");
        Api watcher = apis.get("h1");
        Await.until(() -> TestCluster.ids(runs(watcher, "pg-tick"), "Archive").size() >= 4, Duration.ofSeconds(60));
        String firing = hosts.entrySet().stream()
                .filter(e -> (e.getValue().stdout() + e.getValue().stderr())
                        .contains("now fires the cluster's timers and polls"))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no host fires timers\n"
                        + hostOutput()));
        hosts.remove(firing).kill();
        apis.remove(firing);
        Api survivor = apis.values().iterator().next();
        int before = TestCluster.ids(runs(survivor, "pg-tick"), "Archive").size();
        Await.until(() -> TestCluster.ids(runs(survivor, "pg-tick"), "Archive").size() >= before + 4,
                Duration.ofSeconds(60));

        JsonArray archive = runs(survivor, "pg-tick").getAsJsonArray("Archive");
        List<Instant> adopted = new ArrayList<>();
        List<String> adoptedBy = new ArrayList<>();
        for (JsonElement e : archive) {
            adopted.add(Instant.parse(e.getAsJsonObject().get("Adopted").getAsString()));
            adoptedBy.add(e.getAsJsonObject().getAsJsonObject("Ref").getAsJsonObject("Run").get("HostID")
                    .getAsString());
        }
        assertThat(adoptedBy).as("ticks before and after %s was killed", firing).contains(firing)
                .anySatisfy(h -> assertThat(h).isNotEqualTo(firing));
        // once per period: a 1 s timer first fires a period after its host started, then once a period (each fire at
        // most 50 ms early), so no more ticks than whole periods since the first host's start. (Not the gaps between
        // adoptions: a tick adopted late on a busy host sits close to the next one, and that is no double fire.)
        long periods = Duration.between(began, Instant.now()).plusMillis(50).toSeconds();
        assertThat((long) adopted.size()).as("ticks in %d periods: %s", periods, adopted).isLessThanOrEqualTo(periods);
    }

    private Path writeConfig() throws Exception {
        return writeConfig("pg-cluster.yml");
    }

    private Path writeConfig(String fixture) throws Exception {
        PostgresServer.TestDatabase db = PostgresServer.shared().newDatabase();
        Path password = dir.resolve("db-password");
        Files.writeString(password, db.password() + "\n");
        Path conf = dir.resolve("cluster.yml");
        Files.writeString(conf, TestFlows.text(fixture).replace("STORE_URL", db.url())
                .replace("STORE_USER", db.user()).replace("PASSWORD_FILE", password.toString()));
        return conf;
    }

    private void start(String id, Path conf, String tags) throws Exception {
        int port = HostJvm.freePort();
        HostJvm h = HostJvm.start(dir, "-conf=" + conf, "-host_name=" + id, "-tags=" + tags, "-admin=" + ADMIN,
                "-pub_bind=127.0.0.1:" + port, "-root=" + dir.resolve(id));
        hosts.put(id, h);
        h.awaitOutput("dashboard:", Duration.ofSeconds(120));
        apis.put(id, new Api("http://127.0.0.1:" + port, "/build/api"));
    }

    private static String id(JsonObject summary) {
        JsonObject run = summary.getAsJsonObject("Ref").getAsJsonObject("Run");
        return run.get("HostID").getAsString() + "-" + run.get("ID").getAsLong();
    }

    private static String[] admin() {
        return new String[] {"X-Floe-Auth", ADMIN};
    }

    private static String trigger(Api api, String flow) {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"start\","
                + "\"Values\":{}}}", admin());
        if (a.status() != 200) {
            throw new AssertionError("push to start " + flow + " on " + api.url + " answered " + a.status() + ": "
                    + a.body());
        }
        return a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
    }

    private JsonObject runs(Api api, String flow) {
        Api.Answer a = api.get("/flows/" + flow + "?limit=200", admin());
        if (a.status() != 200) {
            throw new AssertionError("GET /flows/" + flow + " on " + api.url + " answered " + a.status() + ": "
                    + a.body() + "\n" + hostOutput());
        }
        return a.payload().getAsJsonObject().getAsJsonObject("Runs");
    }

    private Optional<JsonObject> summary(Api api, String flow, String run) {
        return TestCluster.summary(runs(api, flow), run);
    }

    private JsonObject awaitEnded(Api api, String flow, String run) throws InterruptedException {
        try {
            Await.until(() -> summary(api, flow, run).map(s -> s.get("Ended").getAsBoolean()).orElse(false),
                    Duration.ofSeconds(90));
        } catch (AssertionError e) {
            throw new AssertionError("run " + run + " of " + flow + " did not end: " + summary(api, flow, run)
                    + "\n" + hostOutput(), e);
        }
        return summary(api, flow, run).orElseThrow();
    }

    /** What the hosts still running printed, for a failure's message. */
    private String hostOutput() {
        StringBuilder b = new StringBuilder();
        hosts.forEach((id, h) -> b.append("--- ").append(id).append(" stdout:\n").append(h.stdout())
                .append("--- ").append(id).append(" stderr:\n").append(h.stderr())
                .append("--- ").append(id).append(" threads:\n").append(h.threadDump()));
        return b.toString();
    }

    /** A node of a run's graph as {@code GET /flows/<flow>/runs/<run>} shows it. */
    private static Optional<JsonObject> node(Api api, String flow, String run, String nodeId) {
        Api.Answer a = api.get("/flows/" + flow + "/runs/" + run, admin());
        if (a.status() != 200) {
            return Optional.empty();
        }
        for (JsonElement level : a.payload().getAsJsonObject().getAsJsonArray("Graph")) {
            for (JsonElement n : (JsonArray) level) {
                if (nodeId.equals(n.getAsJsonObject().get("ID").getAsString())) {
                    return Optional.of(n.getAsJsonObject());
                }
            }
        }
        return Optional.empty();
    }
}
