package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.store.local.LocalRunStore;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.host.HostJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, part 1: no task runs on after its host lost the run. A real host JVM on the local store runs a task that
 * writes a time stamp to a marker file every 200 ms and never ends on its own; the host is then SIGKILLed (only the
 * JVM: the task is left to its guard) or SIGSTOPped.
 */
class TaskOutlivesNoHostTest {
    private static final String INTERRUPTED = "interrupted by host restart";

    @TempDir
    Path dir;
    private Path marker;
    private Path pidFile;
    /** The task's process, taken while it ran: killing by a pid read later could hit whoever has that pid now. */
    private ProcessHandle task;
    private String[] flags;
    private Api api;

    @BeforeEach
    void config() throws Exception {
        marker = dir.resolve("marker");
        pidFile = dir.resolve("pid");
        Path loop = dir.resolve("loop.sh");
        Files.writeString(loop, "echo $$ > " + pidFile + "\nwhile :; do date +%s%N >> " + marker
                + "; sleep 0.2; done\n");
        Files.writeString(dir.resolve("default.yml"), """
                common:
                  store-type: local
                  host-lease: 3s
                flows:
                  - id: loop
                    ver: 1
                    triggers:
                      - name: go
                        type: data
                        opts: {form: {title: Go, fields: [{id: seq, prompt: Sequence, type: text}]}}
                    tasks:
                      - {name: work, listen: trigger.good, type: exec, opts: {shell: "bash LOOP"}}
                """.replace("LOOP", loop.toString()));
        int port = HostJvm.freePort();
        flags = new String[] {"-admin=" + RunningHost.ADMIN, "-host_name=h1", "-tags=master",
            "-pub_bind=127.0.0.1:" + port, "-root=" + dir.resolve("root")};
        api = new Api("http://127.0.0.1:" + port, "/build/api");
    }

    @AfterEach
    void killTheTaskIfItSurvived() throws Exception {
        if (task != null) {
            task.destroyForcibly(); // the handle: once the task ended its pid may be another process's
        }
    }

    @Test
    void aKilledHostsTaskIsGoneBeforeTheRestartedHostReportsItInterrupted() throws Exception {
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-1.out"), flags)) {
            startTheTask();
            host.killAlone();
        }
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-2.out"), flags)) {
            Await.until(() -> !FormAnswerer.runs(api, "loop", "Archive").isEmpty(), Duration.ofSeconds(120));
            assertThat(host.stop()).isIn(0, 143);
        }
        NodeRecord work = theTask();
        assertThat(work.error()).isEqualTo(INTERRUPTED);
        long pid = taskPid().orElseThrow();
        assertThat(running(pid)).as("task process " + pid + " runs").isFalse();
        assertThat(lastMark()).as("the task's last mark, against when it was reported interrupted")
                .isBefore(work.stopped());
    }

    @Test
    void aFrozenHostsTaskIsStoppedWhileTheHostIsStillFrozen() throws Exception {
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-1.out"), flags)) {
            startTheTask();
            long pid = taskPid().orElseThrow();

            host.freeze();

            Await.until(() -> !running(pid), Duration.ofSeconds(60));
            assertThat(host.output()).doesNotContain("interrupted"); // still frozen: nobody else acted
            host.thaw();
        }
    }

    private void startTheTask() throws Exception {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"loop\"},\"Form\":{\"ID\":\"go\","
                + "\"Values\":{\"seq\":\"1\"}}}", Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        Await.until(() -> Files.exists(marker) && taskPid().isPresent(), Duration.ofSeconds(60));
        task = taskPid().flatMap(ProcessHandle::of).orElse(null); // pinned to this process by its start time
    }

    /** Whether the process runs: a killed child of a frozen host stays a zombie until the host reaps it. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (Exception e) {
            return false; // gone
        }
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
        List<String> lines = Files.readAllLines(marker).stream().filter(l -> !l.isBlank()).toList();
        long nanos = Long.parseLong(lines.get(lines.size() - 1).strip());
        return Instant.ofEpochSecond(0, nanos);
    }

    private NodeRecord theTask() {
        try (LocalRunStore store = LocalRunStore.open(dir.resolve("root"))) {
            RunRecord run = store.list(new RunQuery("", EnumSet.allOf(RunStatus.class), 10, null)).runs().get(0);
            return store.find(run.id()).orElseThrow().nodes().get("work");
        }
    }
}
