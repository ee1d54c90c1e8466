package io.floe.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a guarded launcher promises (issue 16): a task's processes stop when the host's heartbeat pipe closes (the host
 * died), when it stays silent past the deadline (the host froze), and when the task's watcher itself is killed; a task
 * that ends normally keeps what it left behind, and sees the environment it was given. Each case is a real process
 * tree; the test awaits what happened, never a duration.
 */
abstract class TaskGuardContract {
    @TempDir
    Path dir;
    TaskGuard guard;
    ProcessLauncher launcher;

    /** The launcher under test, unguarded. */
    abstract ProcessLauncher plain();

    /** The guard's grace period for planned restarts: with one, tasks can be detached. */
    Duration grace() {
        return Duration.ZERO;
    }

    /** Whether each task gets a watcher of its own (a host that runs one run), not the host's guard process. */
    boolean eachTaskAlone() {
        return false;
    }

    @BeforeEach
    void guard() {
        guard = TaskGuard.find(Duration.ofMillis(600), grace(), dir.resolve("ledger"), "test").orElseThrow();
        if (eachTaskAlone()) {
            guard.watchEachTaskAlone();
        }
        launcher = plain().guardedBy(guard);
        assertThat(launcher).isNotSameAs(plain());
    }

    @AfterEach
    void close() {
        guard.abandon();
    }

    /** A task whose tree writes a marker file: a shell, and its child that loops. */
    /** {@code session}: the task's session, which the task leads. */
    record Task(LaunchedProcess process, long pid, long child, long session) {}

    private Task startLooping() throws Exception {
        LaunchedProcess p = launcher.start(new ProcessSpec(List.of("/bin/bash", "-c",
                "(while :; do date +%s%N >> marker; sleep 0.05; done) & echo $$ $!; wait"), dir, Map.of()));
        String[] ids = new BufferedReader(new InputStreamReader(p.output(), StandardCharsets.UTF_8)).readLine()
                .split(" ");
        long pid = Long.parseLong(ids[0]);
        return new Task(p, pid, Long.parseLong(ids[1]),
                ProcessSessions.stat(Path.of("/proc", Long.toString(pid))).orElseThrow().session());
    }

    private static void awaitGone(long pid) throws Exception {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent()) {
            h.get().onExit().get(60, TimeUnit.SECONDS);
        }
    }

    private static int exit(LaunchedProcess p) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void theWholeTreeStopsWhenTheHostsPipeCloses() throws Exception {
        Task t = startLooping();

        guard.abandon(); // what the kernel does to the pipe when the host dies

        assertThat(exit(t.process())).isEqualTo(128 + 9);
        awaitGone(t.child());
        // the watcher and the loop's last child may still be on their way out: await it, the session must empty
        io.floe.engine.Await.until("the task's session to empty", Duration.ofSeconds(60),
                () -> ProcessSessions.members(t.session()).isEmpty());
    }

    @Test
    void theWholeTreeStopsWhenTheHostFallsSilent() throws Exception {
        Task t = startLooping();

        guard.vouchWhile(() -> false); // a frozen host sends nothing

        assertThat(exit(t.process())).isEqualTo(128 + 9);
        awaitGone(t.child());
        // the watcher and the loop's last child may still be on their way out: await it, the session must empty
        io.floe.engine.Await.until("the task's session to empty", Duration.ofSeconds(60),
                () -> ProcessSessions.members(t.session()).isEmpty());
    }

    /** The process that watches a task: the host's guard process, or (a host that runs one run) its own watcher. */
    ProcessHandle watcherOf(Task t) {
        if (eachTaskAlone()) {
            return ProcessHandle.of(t.session()).orElseThrow().children()
                    .filter(c -> c.info().arguments().map(a -> List.of(a).contains("floe-guard")).orElse(false))
                    .findFirst().orElseThrow();
        }
        assertThat(guard.guardProcesses()).hasSize(1);
        return ProcessHandle.of(guard.guardProcesses().get(0)).orElseThrow();
    }

    @Test
    void oneGuardProcessIsTheParentOfEveryTaskOfTheHost() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(!eachTaskAlone(),
                "on a host that runs one run, each task has its own watcher");
        List<Task> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(startLooping());
        }

        assertThat(guard.guardProcesses()).hasSize(1);
        long guardPid = guard.guardProcesses().get(0);
        assertThat(Files.readString(Path.of("/proc", Long.toString(guardPid), "cmdline")).split("\0"))
                .contains(GuardProcess.class.getName());
        for (Task t : tasks) {
            assertThat(ProcessHandle.of(t.pid()).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                    .contains(guardPid);
            assertThat(t.session()).as("each task leads a session of its own").isEqualTo(t.pid());
        }
        tasks.forEach(t -> t.process().killTree());
        for (Task t : tasks) {
            assertThat(exit(t.process())).isEqualTo(-1);
        }
    }

    @Test
    void killingTheWatcherStopsTheTask() throws Exception {
        Task t = startLooping();
        ProcessHandle watcher = watcherOf(t);

        watcher.destroyForcibly();

        int status = exit(t.process());
        if (!eachTaskAlone()) {
            assertThat(status).as("a task whose guard died is reported killed").isEqualTo(128 + 9);
        }
        awaitGone(t.child());
        // the watcher and the loop's last child may still be on their way out: await it, the session must empty
        io.floe.engine.Await.until("the task's session to empty", Duration.ofSeconds(60),
                () -> ProcessSessions.members(t.session()).isEmpty());
    }

    @Test
    void aTaskThatEndsKeepsWhatItLeftRunningAndItsWatcherLeaves() throws Exception {
        LaunchedProcess p = launcher.start(new ProcessSpec(List.of("/bin/bash", "-c",
                "sleep 1000 >/dev/null 2>&1 & echo $!"), dir, Map.of()));
        long straggler = Long.parseLong(new BufferedReader(new InputStreamReader(p.output(),
                StandardCharsets.UTF_8)).readLine().strip());

        assertThat(exit(p)).isZero();

        guard.abandon();
        // the watcher left when told the task ended: closing the pipe now kills nothing
        assertThat(ProcessHandle.of(straggler)).isPresent();
        ProcessHandle.of(straggler).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void theTaskSeesExactlyItsEnvironmentAndItsOwnProgramName() throws Exception {
        LaunchedProcess p = launcher.start(new ProcessSpec(List.of("/usr/bin/env"), dir, Map.of("ONLY", "this")));

        String out = new String(p.output().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(out.lines().filter(l -> !l.equals("SHLVL=0"))).containsExactly("ONLY=this");
        assertThat(exit(p)).isZero();
    }

    @Test
    void aRestartedHostStopsWhatTheLedgerRecordsBeforeItGoesOn() throws Exception {
        Task t = startLooping();
        assertThat(LedgerFiles.running(dir.resolve("ledger"))).hasSize(1);

        // a new process of the host, while the old one's task still runs (its watcher not yet acting)
        TaskGuard.find(Duration.ofSeconds(60), dir.resolve("ledger"), "next").orElseThrow().stopLeftovers();

        // the watcher and the loop's last child may still be on their way out: await it, the session must empty
        io.floe.engine.Await.until("the task's session to empty", Duration.ofSeconds(60),
                () -> ProcessSessions.members(t.session()).isEmpty());
        assertThat(LedgerFiles.left(dir.resolve("ledger"))).isEmpty();
    }

    /**
     * Many tasks started at once, as a busy host starts them, each get exactly their own arguments and environment, and
     * none fails to start. (The guard process runs with a small heap, so it collects garbage often: the native copies
     * of a task's arguments were once freed while posix_spawn still read them, and about one start in 500 failed with
     * "error=14, Bad address", a /bin/true task ending bad in the middle of a benchmark.)
     */
    @Test
    void manyTasksAtOnceEachGetTheirOwnArgumentsAndEnvironment() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(eachTaskAlone(), "a guard process starts the tasks");
        java.util.concurrent.ExecutorService starters = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                all.add(starters.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        String id = thread + "-" + i;
                        LaunchedProcess p = launcher.start(new ProcessSpec(List.of("/bin/sh", "-c",
                                "echo \"$0 $FLOE_ID\"", "arg" + id), dir, Map.of("FLOE_ID", "env" + id)));
                        String out = new String(p.output().readAllBytes(), StandardCharsets.UTF_8).trim();
                        assertThat(exit(p)).as("task %s: %s", id, out).isZero();
                        assertThat(out).isEqualTo("arg" + id + " env" + id);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : all) {
                f.get();
            }
        } finally {
            starters.shutdownNow();
        }
    }

    /**
     * Short tasks leave the ledger empty once their processes are gone. (A spool file opened by name after the task
     * ended could re-create a task's output file after the host had removed it, which later broke the removal of a
     * test's temporary folder.)
     */
    @Test
    void shortTasksLeaveNothingInTheLedger() throws Exception {
        for (int i = 0; i < 60; i++) {
            LaunchedProcess p = launcher.start(new ProcessSpec(List.of("/bin/true"), dir, Map.of()));
            p.output().readAllBytes();
            assertThat(exit(p)).isZero();
        }
        io.floe.engine.Await.until("every process the tasks started to end", Duration.ofSeconds(60),
                () -> ProcessHandle.current().descendants().noneMatch(h -> h.info().command()
                        .map(c -> c.endsWith("/tee") || c.endsWith("/bash") || c.endsWith("/true")).orElse(false)));
        io.floe.engine.Await.until("the ledger to be empty", Duration.ofSeconds(30), () -> {
            try {
                return LedgerFiles.left(dir.resolve("ledger")).isEmpty();
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }
}
