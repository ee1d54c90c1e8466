package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a task's processes from outliving their host (issue 16). Each task starts in a session of its own, watched
 * by something that kills the whole session with SIGKILL when the host's pipe closes (the host died: the kernel closes
 * its end) or stays silent for {@link #deadline()} (the host is frozen, or can no longer vouch for its runs: see
 * {@link #vouchWhile}). A task that ended normally is forgotten, so what it left running on purpose stays. The host in
 * turn notices a watcher that died and then stops the task itself, so a task never runs unwatched.
 * <p>
 * The watcher is one {@link GuardProcess} per host (issue 21 §1), a small JVM that is the parent of all the host's
 * tasks ({@link #launcher}). With a grace period, a planned restart detaches the tasks ({@link #detachAll}): the guard
 * process then outlives the host, keeps their output and status in the ledger, and lets the next process of the host
 * reattach them.
 * <p>
 * Linux only (it needs sessions and {@code /proc}); elsewhere {@link #find} says there is none.
 */
public final class TaskGuard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskGuard.class);
    /** The byte that tells a watcher its task ended and was collected: it leaves the task's group alone. */
    static final int RELEASE = 'x';
    private final Duration deadline;
    /** How long a detached task may outlive its host; zero: tasks are never detached (part 1's rule only). */
    private final Duration grace;
    private final GuardLedger ledger;
    /** Tasks of an earlier process of this host that this one reattached: a planned restart detaches them again. */
    private final Set<DetachedTask> reattached = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService feeder;
    private volatile BooleanSupplier vouches = () -> true;
    private volatile boolean closed;
    /** The guard process per kind of launcher (one in practice), started on first use, replaced when it died. */
    private final java.util.Map<GuardProcess.Kind, GuardClient> clients = new java.util.EnumMap<>(
            GuardProcess.Kind.class);

    private TaskGuard(Duration deadline, Duration grace, GuardLedger ledger, String name) {
        this.deadline = deadline;
        this.grace = grace;
        this.ledger = ledger;
        this.feeder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floe-task-guard-" + name);
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, deadline.toMillis() / 4);
        feeder.scheduleWithFixedDelay(this::feed, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The guard for a host whose tasks must stop within {@code deadline} of its last heartbeat, recording its tasks'
     * sessions in {@code ledgerDir} (null: none) so a restarted host can make sure they are gone; empty where tasks can
     * not be guarded (not Linux).
     */
    public static Optional<TaskGuard> find(Duration deadline, Path ledgerDir, String hostName) {
        return find(deadline, Duration.ZERO, ledgerDir, hostName);
    }

    /**
     * As {@link #find(Duration, Path, String)}, and tasks may be detached on a planned restart for at most
     * {@code grace} (zero: never; also never without a ledger).
     */
    public static Optional<TaskGuard> find(Duration deadline, Duration grace, Path ledgerDir, String hostName) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            log.debug("task guard: only on Linux");
            return Optional.empty();
        }
        boolean detaches = !grace.isZero() && !grace.isNegative() && ledgerDir != null;
        return Optional.of(new TaskGuard(deadline, detaches ? grace : Duration.ZERO, new GuardLedger(ledgerDir),
                hostName));
    }

    /** How long a detached task may outlive its host; zero when tasks are not detached. */
    public Duration grace() {
        return grace;
    }

    /** Whether tasks can be detached on a planned restart (a grace period is set). */
    boolean detaches() {
        return !grace.isZero() && !grace.isNegative();
    }

    /** A launcher whose tasks start under this host's guard process, started by {@code kind}. */
    ProcessLauncher launcher(GuardProcess.Kind kind, Duration killGrace) {
        return new ProcessLauncher() {
            @Override
            public io.floe.engine.spi.LaunchedProcess start(ProcessSpec spec) throws IOException {
                return client(kind).start(spec, killGrace);
            }

            @Override
            public String toString() {
                return "guard process (" + kind + ")";
            }
        };
    }

    /** The running guard process for {@code kind}, started now when there is none (or it died). */
    GuardClient client(GuardProcess.Kind kind) throws IOException {
        synchronized (clients) {
            if (closed) {
                throw new IOException("Cannot run program: this host's task guard is closed (the host is stopping)");
            }
            GuardClient c = clients.get(kind);
            if (c == null || c.dead()) {
                c = GuardClient.start(deadline, grace, kind, ledger, ledger.logFile());
                clients.put(kind, c);
            }
            return c;
        }
    }

    /** The pids of this host's running guard processes. */
    List<Long> guardProcesses() {
        return clients().stream().filter(c -> !c.dead()).map(GuardClient::pid).toList();
    }

    private List<GuardClient> clients() {
        synchronized (clients) {
            return List.copyOf(clients.values());
        }
    }

    /** How long a watcher waits for a heartbeat before it stops its task. */
    public Duration deadline() {
        return deadline;
    }

    /** Heartbeats are sent only while {@code condition} holds (a host on a shared store: while its lease is fresh). */
    public void vouchWhile(BooleanSupplier condition) {
        this.vouches = condition;
    }

    /**
     * Makes sure the tasks a previous process of this host started are gone (killing what is left of them), before
     * this host reports them interrupted.
     */
    public void stopLeftovers() {
        ledger.collect(Duration.ZERO).forEach(DetachedTask::stop);
    }

    /**
     * Makes sure the tasks a previous process of this host started are gone, but for those it detached on a planned
     * restart that still run or have ended with a recorded status: those are returned, to be reattached (or stopped).
     */
    public List<DetachedTask> collectDetached() {
        List<DetachedTask> found = ledger.collect(deadline);
        found.forEach(t -> t.guardedBy(reattached));
        return found;
    }

    /**
     * A planned restart: every running task that can be detached is told to keep going without this host for at
     * most the grace period; its output keeps going to the ledger and its status will be written there. The number of
     * tasks detached.
     */
    public int detachAll() {
        if (!(!grace.isZero() && !grace.isNegative())) {
            return 0;
        }
        int n = 0;
        for (GuardClient c : clients()) {
            n += c.detachAll();
        }
        for (DetachedTask t : List.copyOf(reattached)) {
            if (t.detach()) {
                n++;
            }
        }
        return n;
    }

    private void feed() {
        if (!vouches.getAsBoolean()) {
            return; // silence: the watchers stop their tasks at their deadline
        }
        for (GuardClient c : clients()) {
            c.beat();
        }
    }

    /**
     * Gives tasks being stopped the launchers' kill grace period to end on their SIGTERM, then stops heartbeats and
     * closes the guard processes' pipes: tasks still running are killed by them, detached ones are kept.
     */
    @Override
    public void close() {
        long until = System.nanoTime() + LocalProcessLauncher.DEFAULT_KILL_GRACE.toNanos();
        while (clients().stream().anyMatch(c -> c.running() > 0)
                && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        abandon();
    }

    /** Stops heartbeats and closes every pipe at once: what the kernel does when the host dies. */
    void abandon() {
        closed = true;
        feeder.shutdownNow();
        synchronized (clients) {
            clients.values().forEach(GuardClient::abandon);
        }
    }

    @Override
    public String toString() {
        return "task guard (deadline " + deadline.toMillis() + " ms)";
    }

    /** Finding programs on this machine. */
    static final class Programs {
        private Programs() {}

        static Optional<String> find(String name, List<String> fallbacks) {
            List<String> dirs = new ArrayList<>();
            String path = System.getenv("PATH");
            if (path != null) {
                dirs.addAll(List.of(path.split(":")));
            }
            dirs.addAll(fallbacks);
            for (String d : dirs) {
                if (d.isEmpty()) {
                    continue;
                }
                Path p = Path.of(d, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p.toString());
                }
            }
            return Optional.empty();
        }

        /**
         * The file {@code program} names: a bare name in this JVM's PATH, a path relative to {@code dir}; the message of
         * the {@link IOException} is the one ProcessBuilder gives.
         */
        static String resolve(String program, Path dir) throws IOException {
            if (!program.contains("/")) {
                return find(program, List.of()).orElseThrow(() -> new IOException("Cannot run program \"" + program
                        + "\": error=2, No such file or directory"));
            }
            Path p = dir == null ? Path.of(program) : dir.resolve(program);
            if (!Files.exists(p)) {
                throw new IOException("Cannot run program \"" + program + "\": error=2, No such file or directory");
            }
            if (Files.isDirectory(p) || !Files.isExecutable(p)) {
                throw new IOException("Cannot run program \"" + program + "\": error=13, Permission denied");
            }
            return program;
        }
    }
}
