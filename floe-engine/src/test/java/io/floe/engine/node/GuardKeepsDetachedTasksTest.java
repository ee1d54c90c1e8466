package io.floe.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planned restart through the host's guard process (issue 16 part 2, issue 21 §1): the task it keeps stays the child
 * of that same guard process over the restart (no per-task shell between them), its output is spooled from its first
 * byte, and the next process of the host reattaches it; a task not reattached within the grace is killed.
 */
class GuardKeepsDetachedTasksTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<TaskGuard> guards = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        guards.forEach(TaskGuard::abandon);
        scheduler.shutdownNow();
    }

    private TaskGuard host(Duration grace) {
        TaskGuard g = TaskGuard.find(Duration.ofMillis(600), grace, dir.resolve("ledger"), "test").orElseThrow();
        guards.add(g);
        return g;
    }

    private static ProcessLauncher launcher(TaskGuard guard) {
        return PosixSpawnLauncher.load(Duration.ofSeconds(3)).<ProcessLauncher>map(l -> l)
                .orElseGet(LocalProcessLauncher::new).guardedBy(guard);
    }

    /** A task that says its pid, then sleeps as that same process (no shell left around it). */
    private static LaunchedProcess startSleeper(ProcessLauncher launcher, Path dir) throws Exception {
        return launcher.start(new ProcessSpec(List.of("/bin/sh", "-c", "echo $$; exec sleep 1000"), dir, Map.of()));
    }

    private static long firstLine(InputStream in) throws Exception {
        return Long.parseLong(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine().strip());
    }

    private static long parentOf(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    }

    private static void detachable(LaunchedProcess p) {
        p.detachable().orElseThrow().onDetach(() -> new Detachment("host-1", "task", 0, 0));
    }

    /**
     * Starts a task under a first host that says its pid, waits until {@link #go} is written, then runs {@code then};
     * detaches it and lets that host go (its process exits). Returns the task's pid.
     */
    private long keptTaskWaitingForGo(String then) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", go().toString()).start().waitFor()).isZero();
        TaskGuard first = host(Duration.ofMinutes(10));
        LaunchedProcess p = launcher(first).start(new ProcessSpec(List.of("/bin/sh", "-c",
                "echo $$; read x < \"$0\"; " + then, go().toString()), dir, Map.of()));
        long pid = firstLine(p.output());
        detachable(p);
        assertThat(first.detachAll()).isEqualTo(1);
        first.abandon();
        return pid;
    }

    /** The FIFO a {@link #keptTaskWaitingForGo} task reads before it goes on. */
    private Path go() {
        return dir.resolve("go");
    }

    @Test
    void aKeptTaskStaysTheChildOfTheSameGuardProcessAndIsReattached() throws Exception {
        TaskGuard first = host(Duration.ofMinutes(10));
        LaunchedProcess p = startSleeper(launcher(first), dir);
        long pid = firstLine(p.output());
        long guardPid = first.guardProcesses().get(0);
        assertThat(parentOf(pid)).isEqualTo(guardPid);
        detachable(p);

        assertThat(first.detachAll()).isEqualTo(1);
        first.abandon(); // the host process exits: the kernel closes its pipe to the guard

        TaskGuard next = host(Duration.ofMinutes(10));
        List<DetachedTask> found = next.collectDetached();
        assertThat(found).hasSize(1);
        DetachedTask task = found.get(0);
        task.reattach(scheduler, task::kill);
        assertThat(ProcessHandle.of(pid)).as("the kept task still runs").isPresent();
        assertThat(parentOf(pid)).as("its parent is the guard process it had before the restart").isEqualTo(guardPid);
        assertThat(Files.readString(Path.of("/proc", Long.toString(guardPid), "cmdline")).split("\0"))
                .contains(GuardProcess.class.getName());
        try (InputStream out = task.output()) {
            assertThat(firstLine(out)).as("its output is spooled from its first byte").isEqualTo(pid);
        }

        task.stop();
        Await.until("the kept task to be gone", Duration.ofSeconds(60), () -> ProcessHandle.of(pid).isEmpty());
        Await.until("the guard process to leave once it keeps nothing", Duration.ofSeconds(60),
                () -> ProcessHandle.of(guardPid).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void aKeptTaskThatEndsLeavesItsStatusForTheNextProcess() throws Exception {
        long pid = keptTaskWaitingForGo("echo done; exit 3");

        Files.writeString(go(), "go\n"); // the task ends while no host process runs
        Await.until("the task to end", Duration.ofSeconds(60), () -> ProcessHandle.of(pid).isEmpty());

        TaskGuard next = host(Duration.ofMinutes(10));
        DetachedTask task = awaitOne(next);
        task.reattach(scheduler, task::kill);
        try (InputStream out = task.output()) {
            assertThat(new String(out.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(pid + "\ndone\n");
        }
        assertThat(task.status()).isEqualTo(3);
        task.release();
    }

    /**
     * What the ledger keeps is for the host's user only, like the rest of a host's state: a kept task's output (which
     * may hold what a task printed of its secrets), its records, the heartbeat FIFO, its status, the journal, the
     * guard's log. Checked while a kept task runs with no host process (the FIFO exists then) and after it ended.
     */
    @Test
    void everythingInTheLedgerIsForTheHostsUserOnly() throws Exception {
        long pid = keptTaskWaitingForGo("echo the secret is 42; exit 3");
        awaitLedgerFile(".beat");
        assertThat(madeByTheHost(go())).contains("ledger", "ledger/tasks", "ledger.guard.log", "ledger.guards")
                .anyMatch(f -> f.endsWith(".out")).anyMatch(f -> f.endsWith(".beat"))
                .anyMatch(f -> f.endsWith(".detached")).anyMatch(f -> f.endsWith(".guard"));
        assertThat(openToOthers(go())).as("files and folders others may read, while the kept task runs").isEmpty();

        Files.writeString(go(), "go\n");
        Await.until("the task to end", Duration.ofSeconds(60), () -> ProcessHandle.of(pid).isEmpty());
        awaitLedgerFile(".status");
        assertThat(openToOthers(go())).as("files and folders others may read, once the kept task ended").isEmpty();
        TaskGuard next = host(Duration.ofMinutes(10));
        DetachedTask task = awaitOne(next);
        task.reattach(scheduler, task::kill);
        task.release();
    }

    /** A ledger an older floe made with the umask's modes is narrowed by the next host: its tasks' output included. */
    @Test
    void aLedgerMadeByAnOlderFloeWithWiderModesIsNarrowed() throws Exception {
        var wide = java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x");
        Files.createDirectories(dir.resolve("ledger"));
        Files.createDirectories(dir.resolve("ledger.guards"));
        Files.writeString(dir.resolve("ledger.guard.log"), "floe guard: an older line\n");
        for (String f : List.of("ledger", "ledger.guards")) {
            Files.setPosixFilePermissions(dir.resolve(f), wide);
        }
        Files.setPosixFilePermissions(dir.resolve("ledger.guard.log"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        TaskGuard guard = host(Duration.ofMinutes(10));
        LaunchedProcess p = startSleeper(launcher(guard), dir);
        firstLine(p.output());
        assertThat(madeByTheHost(dir)).contains("ledger", "ledger/tasks", "ledger.guard.log", "ledger.guards");
        assertThat(openToOthers(dir)).isEmpty();
        p.killTree();
    }

    /**
     * The guard's log and records sit beside the ledger, in a folder the host may share with others (a ledger made
     * in {@code /tmp}): that folder keeps its mode (a test that did so once left {@code /tmp} at 0700).
     */
    @Test
    void theFolderBesideTheLedgerKeepsItsMode() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        var sticky = java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx");
        Files.setPosixFilePermissions(shared, sticky);
        TaskGuard guard = TaskGuard.find(Duration.ofMillis(600), Duration.ofMinutes(10), shared.resolve("ledger"),
                "test").orElseThrow();
        guards.add(guard);
        LaunchedProcess p = startSleeper(launcher(guard), dir);
        firstLine(p.output());
        assertThat(Files.exists(shared.resolve("ledger.guard.log"))).isTrue();
        assertThat(Files.getPosixFilePermissions(shared)).isEqualTo(sticky);
        p.killTree();
    }

    /** What the ledger made in the test's folder (all but {@code besides}), relative to it. */
    private List<String> madeByTheHost(Path besides) throws java.io.IOException {
        try (var all = Files.walk(dir)) {
            return all.filter(f -> !f.equals(dir) && !f.equals(besides)).map(f -> dir.relativize(f).toString())
                    .toList();
        }
    }

    /** What of {@link #madeByTheHost} is not 0700 (a folder) or 0600, with its mode. */
    private List<String> openToOthers(Path besides) throws java.io.IOException {
        List<String> open = new java.util.ArrayList<>();
        for (String name : madeByTheHost(besides)) {
            Path f = dir.resolve(name);
            String mode = java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(f, java.nio.file.LinkOption.NOFOLLOW_LINKS));
            if (!mode.equals(Files.isDirectory(f) ? "rwx------" : "rw-------")) {
                open.add(name + " " + mode);
            }
        }
        return open;
    }

    /**
     * A kept task that ended a moment before the next process of its host looked, whose guard has not written its
     * status yet (it waits for the task's output to end: here a process the task left in a session of its own holds
     * it), is still taken back, with its status: CI once found such a task reported as killed (status -1).
     */
    @Test
    void aKeptTaskWhoseStatusIsStillBeingWrittenIsTakenBackWithIt() throws Exception {
        long pid = keptTaskWaitingForGo("setsid sleep 1.5 & echo done; exit 3");
        Files.writeString(go(), "go\n");
        Await.until("the task to end", Duration.ofSeconds(60), () -> ProcessHandle.of(pid).isEmpty());

        TaskGuard next = host(Duration.ofMinutes(10));
        List<DetachedTask> found = next.collectDetached();
        assertThat(found).as("the kept task, found before its status was written").hasSize(1);
        DetachedTask task = found.get(0);
        task.reattach(scheduler, task::kill);
        try (InputStream out = task.output()) {
            assertThat(new String(out.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(pid + "\ndone\n");
        }
        assertThat(task.status()).isEqualTo(3);
        task.release();
    }

    /**
     * Stopping a reattached task (a cancelled run) leaves nothing in the ledger: its guard writes the task's status as
     * it ends, and the host removes the task's files only after that (CI once found a {@code .status} left behind).
     * The race is narrow (the guard's status written between the host's removal of two files), so the cycle runs a
     * few times; {@link #theNextProcessRemovesFilesNoTaskClaims} covers what a host that died meanwhile leaves.
     */
    @Test
    void aStoppedReattachedTaskLeavesNothingInTheLedger() throws Exception {
        for (int i = 0; i < 6; i++) {
            TaskGuard first = host(Duration.ofMinutes(10));
            LaunchedProcess p = startSleeper(launcher(first), dir);
            long pid = firstLine(p.output());
            long guardPid = first.guardProcesses().get(0);
            detachable(p);
            assertThat(first.detachAll()).isEqualTo(1);
            first.abandon();

            TaskGuard next = host(Duration.ofMinutes(10));
            List<DetachedTask> found = next.collectDetached();
            assertThat(found).hasSize(1);
            DetachedTask task = found.get(0);
            task.reattach(scheduler, task::kill);
            // as a cancelled run does: the cancel kills it on one thread; its follower sees the output end, reports
            // the run and releases the task on another, while the kill may still be under way
            Thread cancel = new Thread(task::kill);
            try (InputStream out = task.output()) {
                cancel.start();
                out.readAllBytes();
            }
            task.release();
            cancel.join();
            Await.until("the kept task to be gone", Duration.ofSeconds(60), () -> ProcessHandle.of(pid).isEmpty());
            Await.until("the guard process to leave once it keeps nothing", Duration.ofSeconds(60),
                    () -> ProcessHandle.of(guardPid).map(h -> !h.isAlive()).orElse(true));
            assertThat(LedgerFiles.left(dir.resolve("ledger"))).as("cycle %d", i).isEmpty();
            next.abandon();
        }
    }

    @Test
    void theNextProcessRemovesFilesNoTaskClaims() throws Exception {
        Path ledger = Files.createDirectories(dir.resolve("ledger"));
        Files.writeString(ledger.resolve("tmx9fwkcp-1.status"), "137 -1\n"); // as a host that died while it forgot
        Files.writeString(ledger.resolve("tmx9fwkcp-1.out"), "a line\n");
        assertThat(host(Duration.ofMinutes(10)).collectDetached()).isEmpty();
        assertThat(LedgerFiles.left(ledger)).isEmpty();
    }

    /** The guard writes the status once the task's last output is in the ledger: await it. */
    private DetachedTask awaitOne(TaskGuard next) {
        awaitLedgerFile(".status");
        List<DetachedTask> all = next.collectDetached();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private void awaitLedgerFile(String suffix) {
        Await.until("a " + suffix + " file in the ledger", Duration.ofSeconds(60), () -> {
            try (var files = Files.list(dir.resolve("ledger"))) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith(suffix));
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    void aTaskNotReattachedWithinTheGraceIsKilled() throws Exception {
        TaskGuard first = host(Duration.ofSeconds(1));
        LaunchedProcess p = startSleeper(launcher(first), dir);
        long pid = firstLine(p.output());
        detachable(p);
        assertThat(first.detachAll()).isEqualTo(1);

        first.abandon();

        Await.until("the task to be killed at the end of its grace", Duration.ofSeconds(60),
                () -> ProcessHandle.of(pid).isEmpty());
        assertThat(host(Duration.ofSeconds(1)).collectDetached()).as("nothing to reattach: it has no status")
                .isEmpty();
    }
}
