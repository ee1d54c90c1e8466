package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import io.floe.engine.store.local.LocalRunStore;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.host.HostJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, part 2: a planned restart ({@code SIGUSR2}) leaves running tasks running, and the next process of the host
 * (local store, same host id) takes them back. Real host JVMs, a real task process that waits for a file the test
 * creates, so nothing depends on how fast anything is: the test awaits facts (pids, files, archived runs).
 */
class PlannedRestartTest {
    @TempDir
    Path dir;
    private Path pidFile;
    /** The task's process, taken while it ran: killing by a pid read later could hit whoever has that pid now. */
    private ProcessHandle task;
    private Path go;
    private Path starts;
    private String[] flags;
    private Api api;

    /** A config whose one task writes its pid, three lines, waits for the go file, writes three more and ends. */
    private void config(String grace, String timeout) throws Exception {
        config(grace, timeout, 0);
    }

    private void config(String grace, String timeout, int exit) throws Exception {
        pidFile = dir.resolve("pid");
        go = dir.resolve("go");
        starts = dir.resolve("starts");
        Path work = dir.resolve("work.sh");
        Files.writeString(work, "echo x >> " + starts + "\necho $$ > " + pidFile + "\n"
                + "for i in 1 2 3; do echo before $i; done\n"
                + "while [ ! -e " + go + " ]; do sleep 0.05; done\n"
                + "for i in 1 2 3; do echo after $i; done\nexit " + exit + "\n");
        Files.writeString(dir.resolve("default.yml"), """
                common:
                  store-type: local
                  host-lease: 3s
                  GRACE
                flows:
                  - id: wait
                    ver: 1
                    triggers:
                      - name: go
                        type: data
                        opts: {form: {title: Go, fields: [{id: seq, prompt: Sequence, type: text}]}}
                    tasks:
                      - {name: work, listen: trigger.good, type: exec, TIMEOUT opts: {shell: "bash WORK"}}
                      - {name: after, listen: task.work.good, type: end}
                      - {name: failed, listen: task.work.bad, type: end}
                """.replace("WORK", work.toString()).replace("GRACE", grace.isEmpty() ? "" : "task-grace: " + grace)
                .replace("TIMEOUT", timeout.isEmpty() ? "" : "timeout: " + timeout + ","));
        int port = HostJvm.freePort();
        flags = new String[] {"-admin=" + RunningHost.ADMIN, "-host_name=h1", "-tags=master",
            "-pub_bind=127.0.0.1:" + port, "-root=" + dir.resolve("root")};
        api = new Api("http://127.0.0.1:" + port, "/build/api");
    }

    @AfterEach
    void killTheTaskIfItSurvived() {
        if (pidFile != null) {
            if (task != null) {
            task.destroyForcibly(); // the handle: once the task ended its pid may be another process's
        }
        }
    }

    @Test
    void aPlannedRestartKeepsTheTaskAndTheNextHostTakesItBack() throws Exception {
        config("", "");
        long pid;
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-1.out"), flags)) {
            pid = startTheTask();
            assertThat(host.restartKeepingTasks()).as(host.output()).isZero();
        }
        assertThat(CrashingHost.running(List.of(pid))).as("the task runs on without its host").containsExactly(pid);
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-2.out"), flags)) {
            Files.writeString(go, "");
            Await.until(() -> !FormAnswerer.runs(api, "wait", "Archive").isEmpty(), Duration.ofSeconds(120));
            assertThat(host.stop()).isIn(0, 143);
        }
        StoredRun run = theRun();
        NodeRecord work = run.nodes().get("work");
        assertThat(work.error()).as("the task's end, routed").isEmpty();
        assertThat(work.exitStatus()).isZero();
        assertThat(run.record().result()).as("the task's good end, routed to the flow's end").hasToString("GOOD");
        assertThat(Files.readAllLines(starts)).as("the task ran once").hasSize(1);
        List<String> log = log(run);
        assertThat(log.stream().filter(l -> l.startsWith("before") || l.startsWith("after")).toList())
                .containsExactly("before 1", "before 2", "before 3", "after 1", "after 2", "after 3");
        assertThat(log).last().isEqualTo("after 3");
        assertThat(work.logLines()).isEqualTo(log.size());
    }

    @Test
    void aReattachedTaskIsKeptOverTheNextPlannedRestartToo() throws Exception {
        config("", "");
        long pid;
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-1.out"), flags)) {
            pid = startTheTask();
            assertThat(host.restartKeepingTasks()).as(host.output()).isZero();
        }
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-2.out"), flags)) {
            Await.until(() -> host.output().contains("reattached"), Duration.ofSeconds(60));
            assertThat(host.restartKeepingTasks()).as(host.output()).isZero();
        }
        assertThat(CrashingHost.running(List.of(pid))).as("the task runs on without its host").containsExactly(pid);
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-3.out"), flags)) {
            Files.writeString(go, "");
            Await.until(() -> !FormAnswerer.runs(api, "wait", "Archive").isEmpty(), Duration.ofSeconds(120));
            assertThat(host.stop()).isIn(0, 143);
        }
        StoredRun run = theRun();
        assertThat(run.record().result()).hasToString("GOOD");
        List<String> log = log(run);
        assertThat(log.stream().filter(l -> l.startsWith("before") || l.startsWith("after")).toList())
                .containsExactly("before 1", "before 2", "before 3", "after 1", "after 2", "after 3");
        assertThat(run.nodes().get("work").logLines()).isEqualTo(log.size());
        assertThat(leftInTheLedger()).isEmpty();
    }

    @Test
    void aTaskThatEndsWhileItsHostIsDownIsTakenBackWithItsStatus() throws Exception {
        config("", "", 3);
        long pid;
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-1.out"), flags)) {
            pid = startTheTask();
            assertThat(host.restartKeepingTasks()).as(host.output()).isZero();
        }
        Files.writeString(go, "");
        Await.until(() -> CrashingHost.running(List.of(pid)).isEmpty(), Duration.ofSeconds(60));
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-2.out"), flags)) {
            Await.until(() -> !FormAnswerer.runs(api, "wait", "Archive").isEmpty(), Duration.ofSeconds(120));
            assertThat(host.stop()).isIn(0, 143);
        }
        StoredRun run = theRun();
        assertThat(run.nodes().get("work").exitStatus()).isEqualTo(3);
        assertThat(run.record().result()).as("the task's bad end, routed to the flow's end").hasToString("BAD");
        List<String> log = log(run);
        assertThat(log.stream().filter(l -> l.startsWith("after")).toList()).hasSize(3);
        assertThat(log).last().isEqualTo("exited with status: 3");
        assertThat(leftInTheLedger()).isEmpty();
    }

    @Test
    void aReattachedTaskCanBeCancelled() throws Exception {
        config("", "");
        long pid;
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-1.out"), flags)) {
            pid = startTheTask();
            assertThat(host.restartKeepingTasks()).as(host.output()).isZero();
        }
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-2.out"), flags)) {
            Await.until(() -> host.output().contains("reattached"), Duration.ofSeconds(60));
            String id = FormAnswerer.activeRuns(api, "wait").get(0);
            Api.Answer cancel = api.post("/flows/wait/runs/" + id + "/cancel", "", Api.admin());
            assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
            Await.until(() -> CrashingHost.running(List.of(pid)).isEmpty(), Duration.ofSeconds(60));
            Await.until(() -> !FormAnswerer.runs(api, "wait", "Archive").isEmpty(), Duration.ofSeconds(60));
            assertThat(host.stop()).isIn(0, 143);
        }
        assertThat(theRun().record().result()).hasToString("CANCELLED");
        assertThat(leftInTheLedger()).isEmpty();
    }

    @Test
    void aReattachedTasksTimeoutCountsFromItsFirstStart() throws Exception {
        config("", "40s");
        long pid;
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-1.out"), flags)) {
            pid = startTheTask();
            assertThat(host.restartKeepingTasks()).as(host.output()).isZero();
        }
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-2.out"), flags)) {
            Await.until(() -> !FormAnswerer.runs(api, "wait", "Archive").isEmpty(), Duration.ofSeconds(120));
            assertThat(host.output()).contains("reattached");
            assertThat(host.stop()).isIn(0, 143);
        }
        assertThat(CrashingHost.running(List.of(pid))).isEmpty();
        NodeRecord work = theRun().nodes().get("work");
        assertThat(work.error()).isEqualTo("timed out after 40s");
    }

    @Test
    void pastItsGraceTheDetachedTaskIsStoppedAndTheRunGetsTheInterruptedError() throws Exception {
        config("2s", "");
        long pid;
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-1.out"), flags)) {
            pid = startTheTask();
            assertThat(host.restartKeepingTasks()).as(host.output()).isZero();
        }
        Await.until(() -> CrashingHost.running(List.of(pid)).isEmpty(), Duration.ofSeconds(60));
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-2.out"), flags)) {
            Await.until(() -> !FormAnswerer.runs(api, "wait", "Archive").isEmpty(), Duration.ofSeconds(120));
            assertThat(host.stop()).isIn(0, 143);
        }
        assertThat(theRun().nodes().get("work").error()).isEqualTo("interrupted by host restart");
        assertThat(leftInTheLedger()).isEmpty();
    }

    @Test
    void sigtermStillStopsTheTasks() throws Exception {
        config("", "");
        long pid;
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-1.out"), flags)) {
            pid = startTheTask();
            assertThat(host.stop()).isZero();
        }
        assertThat(CrashingHost.running(List.of(pid))).isEmpty();
    }

    @Test
    void aReattachedTaskWhoseGuardIsKilledIsStopped() throws Exception {
        config("", "");
        long pid;
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-1.out"), flags)) {
            pid = startTheTask();
            assertThat(host.restartKeepingTasks()).as(host.output()).isZero();
        }
        try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-2.out"), flags)) {
            Await.until(() -> host.output().contains("reattached"), Duration.ofSeconds(60));
            // the guard process that keeps the task: its pid, then its start time
            long guard = Long.parseLong(Files.readString(ledgerFile(".guard")).strip().split(" ")[0]);
            ProcessHandle.of(guard).orElseThrow().destroyForcibly();
            Await.until(() -> CrashingHost.running(List.of(pid)).isEmpty(), Duration.ofSeconds(60));
            Await.until(() -> !FormAnswerer.runs(api, "wait", "Archive").isEmpty(), Duration.ofSeconds(60));
            assertThat(host.stop()).isIn(0, 143);
        }
        assertThat(theRun().nodes().get("work").good()).isFalse();
    }

    private long startTheTask() throws Exception {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"wait\"},\"Form\":{\"ID\":\"go\","
                + "\"Values\":{\"seq\":\"1\"}}}", Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        Await.until(() -> taskPid().isPresent(), Duration.ofSeconds(60));
        task = taskPid().flatMap(ProcessHandle::of).orElse(null); // pinned to this process by its start time
        return taskPid().orElseThrow();
    }

    private Optional<Long> taskPid() {
        try {
            String text = Files.readString(pidFile).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private Path ledger() {
        return dir.resolve("root").resolve("task-guards").resolve("h1");
    }

    private Path ledgerFile(String suffix) throws Exception {
        try (Stream<Path> files = Files.list(ledger())) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    /** The ledger's files, but for its journal once that is empty (it is emptied whenever no task runs). */
    private List<Path> leftInTheLedger() throws Exception {
        if (!Files.isDirectory(ledger())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(ledger())) {
            return files.filter(f -> !(f.getFileName().toString().equals("tasks") && f.toFile().length() == 0))
                    .toList();
        }
    }

    private StoredRun theRun() {
        try (LocalRunStore store = LocalRunStore.open(dir.resolve("root"))) {
            RunRecord run = store.list(new RunQuery("", EnumSet.allOf(RunStatus.class), 10, null)).runs().get(0);
            return store.find(run.id()).orElseThrow();
        }
    }

    private List<String> log(StoredRun run) {
        try (LocalRunStore store = LocalRunStore.open(dir.resolve("root"))) {
            return store.logs().read(run.record().id(), "work", 0, 10_000);
        }
    }
}
