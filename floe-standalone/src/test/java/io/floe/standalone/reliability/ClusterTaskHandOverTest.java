package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.host.HostJvm;
import io.floe.store.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, part 1, in a PostgreSQL cluster: a task never runs on once another host may take its run over. Host
 * {@code h2} runs a task that writes a time stamp to a marker file every 200 ms and never ends on its own; then
 * {@code h2}'s JVM alone is SIGKILLed (the task is left to its guard) or SIGSTOPped (frozen: its own watchdog cannot
 * act), and {@code h3} takes the run over after the lease and reports the task interrupted. The task's last mark must
 * come before that report, and its process must be gone by then.
 */
class ClusterTaskHandOverTest {
    private static final String ADMIN = "hand-over-admin";

    @TempDir
    Path dir;
    private Path marker;
    private Path pidFile;
    /** The task's process, taken while it ran: killing by a pid read later could hit whoever has that pid now. */
    private ProcessHandle task;
    private Path conf;
    private final Map<String, CrashingHost> hosts = new LinkedHashMap<>();
    private final Map<String, Api> apis = new LinkedHashMap<>();

    @AfterEach
    void stop() throws Exception {
        if (task != null) {
            task.destroyForcibly(); // the handle: once the task ended its pid may be another process's
        }
        for (CrashingHost h : hosts.values()) {
            h.close(); // SIGKILL ends a frozen host too
        }
    }

    @Test
    void aKilledHostsTaskIsGoneBeforeAnotherHostTakesItsRunOver() throws Exception {
        String run = startTheTaskOnH2();
        List<Long> leftBehind = hosts.get("h2").killAlone();

        JsonObject work = awaitTakenOver(run);
        assertThat(CrashingHost.running(leftBehind)).as("processes the killed host had started").isEmpty();
        assertThat(lastMark()).as("the task's last mark, against when h3 reported it interrupted")
                .isBefore(Instant.parse(work.get("Stopped").getAsString()));
    }

    @Test
    void aFrozenHostsTaskIsGoneBeforeAnotherHostTakesItsRunOver() throws Exception {
        String run = startTheTaskOnH2();
        long pid = taskPid().orElseThrow();
        hosts.get("h2").freeze();

        JsonObject work = awaitTakenOver(run);
        assertThat(running(pid)).as("the frozen host's task process " + pid).isFalse();
        assertThat(lastMark()).as("the task's last mark, against when h3 reported it interrupted")
                .isBefore(Instant.parse(work.get("Stopped").getAsString()));

        // thawed, the host finds it lost its lease, joins the cluster again, and starts nothing for the run again
        long marks = Files.readAllLines(marker).size();
        assertThat(alive("h2")).as("h2 while frozen, as the cluster sees it").isFalse();
        hosts.get("h2").thaw();
        Await.until(() -> alive("h2"), Duration.ofSeconds(60));
        assertThat(Files.readAllLines(marker)).as("marks after h2 was thawed").hasSize((int) marks);
        assertThat(running(pid)).isFalse();
    }

    /** Starts h1 (takes triggers, runs no work) and h2, runs the task on h2, then starts h3, the heir. */
    private String startTheTaskOnH2() throws Exception {
        marker = dir.resolve("marker");
        pidFile = dir.resolve("pid");
        Path loop = dir.resolve("loop.sh");
        Files.writeString(loop, "echo $$ > " + pidFile + "\nwhile :; do date +%s%N >> " + marker
                + "; sleep 0.2; done\n");
        PostgresServer.TestDatabase db = PostgresServer.shared().newDatabase();
        Path password = dir.resolve("db-password");
        Files.writeString(password, db.password() + "\n");
        conf = dir.resolve("cluster.yml");
        Files.writeString(conf, """
                common:
                  store-type: postgres
                  store-url: URL
                  store-user: USER
                  store-password-file: PASSWORD
                  host-lease: 3s
                flows:
                  - id: loop
                    ver: 1
                    host-tags: [worker]
                    triggers:
                      - {name: start, type: data}
                    tasks:
                      - {name: work, listen: trigger.good, type: exec, opts: {shell: "bash LOOP"}}
                      - {name: recover, listen: task.work.error, type: exec, opts: {cmd: "echo taken over"}}
                      - {name: done, listen: task.recover.good, type: end}
                """.replace("URL", db.url()).replace("USER", db.user()).replace("PASSWORD", password.toString())
                .replace("LOOP", loop.toString()));
        start("h1", "master");
        start("h2", "worker");
        Api.Answer a = apis.get("h1").post("/push/data", "{\"Ref\":{\"ID\":\"loop\"},\"Form\":{\"ID\":\"start\","
                + "\"Values\":{}}}", admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        String run = a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
        Await.until(() -> Files.exists(marker) && taskPid().isPresent(), Duration.ofSeconds(90));
        task = taskPid().flatMap(ProcessHandle::of).orElse(null); // pinned to this process by its start time
        start("h3", "worker");
        return run;
    }

    /** Waits until the run ended on h3 after its recovery task, and gives its interrupted task's node. */
    private JsonObject awaitTakenOver(String run) throws InterruptedException {
        Api h1 = apis.get("h1");
        try {
            Await.until(() -> node(h1, run, "recover").map(n -> "success".equals(n.get("Result").getAsString()))
                    .orElse(false), Duration.ofSeconds(120));
        } catch (AssertionError e) {
            throw new AssertionError("run " + run + " was not taken over: " + node(h1, run, "work") + "\n"
                    + output(), e);
        }
        JsonObject work = node(h1, run, "work").orElseThrow();
        assertThat(work.get("Error").getAsString()).isEqualTo("interrupted: host h2 lost");
        return work;
    }

    private void start(String id, String tags) throws Exception {
        int port = HostJvm.freePort();
        hosts.put(id, CrashingHost.start(dir, dir.resolve(id + ".out"), "-conf=" + conf, "-host_name=" + id,
                "-tags=" + tags, "-admin=" + ADMIN, "-pub_bind=127.0.0.1:" + port, "-root=" + dir.resolve(id)));
        apis.put(id, new Api("http://127.0.0.1:" + port, "/build/api"));
    }

    /** Whether the cluster (as h1 answers {@code GET /cluster}) holds {@code host}'s lease as live. */
    private boolean alive(String host) {
        Api.Answer a = apis.get("h1").get("/cluster", admin());
        if (a.status() != 200) {
            return false;
        }
        for (JsonElement h : a.payload().getAsJsonObject().getAsJsonArray("Hosts")) {
            if (host.equals(h.getAsJsonObject().get("ID").getAsString())) {
                return h.getAsJsonObject().get("Alive").getAsBoolean();
            }
        }
        return false;
    }

    private String output() {
        StringBuilder b = new StringBuilder();
        hosts.forEach((id, h) -> b.append("--- ").append(id).append(":\n").append(h.output()));
        return b.toString();
    }

    private static String[] admin() {
        return new String[] {"X-Floe-Auth", ADMIN};
    }

    /** A node of a run's graph as {@code GET /flows/loop/runs/<run>} shows it. */
    private static Optional<JsonObject> node(Api api, String run, String nodeId) {
        Api.Answer a = api.get("/flows/loop/runs/" + run, admin());
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

    /** Whether the process runs: a killed child of a frozen host stays a zombie until the host reaps it. */
    private static boolean running(long pid) {
        return !CrashingHost.running(List.of(pid)).isEmpty();
    }

    private Optional<Long> taskPid() {
        try {
            String text = Files.readString(pidFile).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private Instant lastMark() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(marker).stream().filter(l -> !l.isBlank()).toList());
        return Instant.ofEpochSecond(0, Long.parseLong(lines.get(lines.size() - 1).strip()));
    }
}
