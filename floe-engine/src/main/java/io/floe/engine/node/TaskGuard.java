package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
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
 * tasks ({@link #launcher}): a fixed cost (a JVM start, its memory) and little per task. With a grace period, a planned
 * restart detaches the tasks ({@link #detachAll}): the guard process then outlives the host, keeps their output and
 * status in the ledger, and lets the next process of the host reattach them. A host that runs one run and exits
 * ({@code floe run}) would not win the guard process's start back, and never detaches: there each task gets its own
 * watcher instead ({@link #watchEachTaskAlone}, {@link #SCRIPT}): {@code bash} forks a watcher loop, then becomes the
 * task.
 * <p>
 * Linux only (it needs sessions and {@code /proc}); elsewhere {@link #find} says there is none.
 */
public final class TaskGuard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TaskGuard.class);
    /** The byte that tells a watcher its task ended and was collected: it leaves the task's group alone. */
    static final int RELEASE = 'x';
    private static final int BEAT = '.';
    /**
     * A task's own watcher ({@link #watchEachTaskAlone}): $1 deadline in seconds, $2 variables bash would add to the
     * task's environment (unset again), $3 the task's argv[0], then its program path and arguments. The watcher ignores
     * SIGTERM: a task is stopped with SIGTERM to its whole tree first, and the watcher must stay until the grace period
     * ends or the task is gone.
     */
    static final String SCRIPT = "d=$1 u=$2 a=$3; shift 3\n"
            + "{ trap '' TERM INT HUP\n"
            + "  while IFS= read -r -n 1 -t \"$d\" b; do [ \"$b\" = x ] && exit 0; done\n"
            + "  kill -KILL 0; } <&0 >/dev/null 2>&1 &\n"
            + "for v in $u; do unset \"$v\"; done\n"
            + "exec -a \"$a\" \"$@\" </dev/null\n";
    /**
     * What bash puts into the environment of a program it runs when it was not there. (It also sets SHLVL=0 when that is
     * missing: bash's exec puts it back however it is unset, so a task started without SHLVL sees SHLVL=0.)
     */
    private static final List<String> BASH_ADDS = List.of("PWD");

    private final Duration deadline;
    /** How long a detached task may outlive its host; zero: tasks are never detached (part 1's rule only). */
    private final Duration grace;
    private final GuardLedger ledger;
    /** Tasks of an earlier process of this host that this one reattached: a planned restart detaches them again. */
    private final Set<DetachedTask> reattached = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService feeder;
    private volatile BooleanSupplier vouches = () -> true;
    private volatile boolean closed;
    /** {@code bash}, once {@link #watchEachTaskAlone} found it: each task then has a watcher of its own. */
    private volatile String bash;
    /** The tasks' own watchers (a host that runs one run). */
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
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

    /**
     * For a host that runs one run and exits ({@code floe run}): each task gets a watcher of its own instead of the
     * host's {@link GuardProcess}, whose start (a JVM) would cost such a host more than its few tasks save. Such a host
     * never detaches its tasks. Call before a launcher is guarded by this guard. Without {@code bash} (with a warning)
     * the tasks stay with the guard process.
     */
    public void watchEachTaskAlone() {
        Optional<String> found = Programs.find("bash", List.of("/bin", "/usr/bin"));
        if (found.isEmpty()) {
            log.warn("no bash found: the tasks of this run are watched by a guard process, which takes longer to start"
                    + " (install bash to watch each task alone)");
        }
        this.bash = found.orElse(null);
    }

    /** Whether guarded launchers hand their tasks to this host's guard process (else each task has its own watcher). */
    boolean usesGuardProcess() {
        return bash == null;
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

    /**
     * The command that starts {@code spec} under a watcher of its own ({@link #watchEachTaskAlone}): the program is
     * looked up here (in this JVM's PATH, as both launchers did before), so a missing one is still an
     * {@link IOException}, not a status from bash.
     */
    List<String> command(ProcessSpec spec) throws IOException {
        String program = spec.command().get(0);
        String path = Programs.resolve(program, spec.directory());
        StringBuilder unset = new StringBuilder();
        for (String v : BASH_ADDS) {
            if (!spec.environment().containsKey(v)) {
                unset.append(unset.length() == 0 ? "" : " ").append(v);
            }
        }
        List<String> out = new ArrayList<>(List.of(bash, "-p", "-c", SCRIPT, "floe-guard", seconds(deadline),
                unset.toString(), program, path));
        out.addAll(spec.command().subList(1, spec.command().size()));
        return out;
    }

    /**
     * Starts watching a task whose watcher reads {@code pipe}: heartbeats go to it from now on. {@code lost} runs if
     * the pipe breaks (the watcher died): it stops the task (unwatched, it could outlive the host) and says whether
     * the task still ran; if not, its end closed the pipe and nothing is wrong.
     */
    Watch watch(long pid, OutputStream pipe, BooleanSupplier lost) {
        Watch w = new Watch(pid, pipe, lost, ledger.record(pid, null));
        watches.add(w);
        if (closed) {
            w.close();
        }
        return w;
    }

    private void feed() {
        if (!vouches.getAsBoolean()) {
            return; // silence: the watchers stop their tasks at their deadline
        }
        for (Watch w : watches) {
            w.beat();
        }
        for (GuardClient c : clients()) {
            c.beat();
        }
    }

    /**
     * Gives tasks being stopped the launchers' kill grace period to end on their SIGTERM, then stops heartbeats and
     * closes the guard processes' and watchers' pipes: tasks still running are killed by them, detached ones are kept.
     */
    @Override
    public void close() {
        long until = System.nanoTime() + LocalProcessLauncher.DEFAULT_KILL_GRACE.toNanos();
        while ((!watches.isEmpty() || clients().stream().anyMatch(c -> c.running() > 0))
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
        for (Watch w : watches) {
            w.close();
        }
        synchronized (clients) {
            clients.values().forEach(GuardClient::abandon);
        }
        ledger.close();
    }

    @Override
    public String toString() {
        return "task guard (deadline " + deadline.toMillis() + " ms)";
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    /** One task's own watcher ({@link #watchEachTaskAlone}), as the host sees it: the write end of its pipe. */
    final class Watch {
        private final long pid;
        private final OutputStream pipe;
        private final BooleanSupplier lost;
        private final GuardLedger.Entry entry;
        private boolean done;

        Watch(long pid, OutputStream pipe, BooleanSupplier lost, GuardLedger.Entry entry) {
            this.pid = pid;
            this.pipe = pipe;
            this.lost = lost;
            this.entry = entry;
        }

        private synchronized void beat() {
            if (done) {
                return;
            }
            try {
                pipe.write(BEAT);
                pipe.flush();
            } catch (IOException e) {
                done = true;
                watches.remove(this);
                if (lost.getAsBoolean()) {
                    log.error("the watcher of task process {} died ({}): stopped the task, which could otherwise"
                            + " outlive this host", pid, e.getMessage());
                }
                entry.remove();
            }
        }

        /** The task ended and was collected: the watcher leaves, and what the task left running stays. */
        synchronized void release() {
            if (done) {
                return;
            }
            done = true;
            watches.remove(this);
            try {
                pipe.write(RELEASE);
                pipe.flush();
            } catch (IOException e) {
                // the watcher is gone already; the task ended anyway
            }
            closeQuietly();
            entry.remove();
        }

        /** The host lets go: the watcher sees the end of its pipe and kills the task's group. */
        private synchronized void close() {
            if (!done) {
                done = true;
                watches.remove(this);
                closeQuietly();
            }
        }

        private void closeQuietly() {
            try {
                pipe.close();
            } catch (IOException e) {
                // nothing to tell a watcher that is gone
            }
        }
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
