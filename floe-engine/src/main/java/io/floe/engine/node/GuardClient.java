package io.floe.engine.node;

import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessSpec;
import io.floe.engine.workspace.PrivateFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's side of its {@link GuardProcess}: starts it (this JVM's java and class path, flags that keep it small,
 * in a session of its own), sends it tasks and heartbeats, and hands out each task as a {@link GuardedTask} fed by one
 * reader thread. When the guard process dies, this host stops the tasks itself (each leads its session, checked by its
 * start time) and reports them ended by SIGKILL; the next task starts a new guard process.
 */
final class GuardClient {
    private static final Logger log = LoggerFactory.getLogger(GuardClient.class);
    static final int SIGKILLED = 128 + 9;
    /**
     * Flags that keep the guard small (issue 21 §1): VmRSS of an idle guard 56 MB with the first line's flags, about
     * 49-50 MB with {@code -Xms4m} and the compiler limits too (46 MB interpreted, which would slow its work).
     */
    private static final List<String> SMALL_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss256k",
            "-Xmx32m", "-XX:-UsePerfData", "-Xshare:auto",
            "-Xms4m", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m");

    private final Process process;
    private final DataOutputStream commands;
    private final GuardLedger ledger;
    /** Whether tasks can be detached on a planned restart (a grace period and a ledger). */
    private final boolean detaches;
    private final Map<Integer, GuardedTask> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean dead;

    private GuardClient(Process process, GuardLedger ledger, boolean detaches) {
        this.process = process;
        this.ledger = ledger;
        this.detaches = detaches;
        this.commands = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        Thread reader = new Thread(() -> read(new DataInputStream(new BufferedInputStream(process.getInputStream(),
                1 << 16))), "floe-guard-events-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a guard process; {@code log} receives its stderr (null: this JVM's stderr); tasks can be detached for
     * {@code grace} on a planned restart (zero: never).
     */
    static GuardClient start(Duration deadline, Duration grace, GuardProcess.Kind kind, GuardLedger ledger,
            Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        TaskGuard.Programs.find("setsid", List.of("/usr/bin", "/bin")).ifPresent(command::add);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SMALL_JVM);
        command.addAll(sharedArchive());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GuardProcess.class.getName(),
                Long.toString(deadline.toMillis()), kind.name(), Long.toString(grace.toMillis())));
        ProcessBuilder pb = new ProcessBuilder(command);
        // the guard needs none of the host's environment, which may hold its secrets (FLOE_ADMIN, a store password):
        // a task can read its parent's /proc/<pid>/environ; each task gets its own environment in its Start frame
        pb.environment().keySet().retainAll(java.util.Set.of("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR"));
        if (logFile != null) {
            // beside the ledger, in a folder that may be shared: only the log itself is made private
            PrivateFiles.folderIfMissing(logFile.getParent());
            PrivateFiles.file(logFile); // the redirect appends to it as it is: made private first
            pb.redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        } else {
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Process process = pb.start();
        ledger.recordGuard(process.pid(), ProcessSessions.startTime(process.pid()).orElse(-1L));
        return new GuardClient(process, ledger, !grace.isZero() && !grace.isNegative() && logFile != null);
    }

    /**
     * The class data archive this JVM runs with ({@code ./floe} makes one for its jar), for the guard process too: the
     * same class path, so its classes load mapped and shared rather than parsed. None: the JDK's default archive.
     */
    private static List<String> sharedArchive() {
        return ProcessHandle.current().info().arguments().stream().flatMap(java.util.Arrays::stream)
                .filter(a -> a.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .map(a -> List.of(a, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")).orElse(List.of());
    }

    /** Whether the guard process is gone (a new task needs a new one). */
    boolean dead() {
        return dead;
    }

    long pid() {
        return process.pid();
    }

    int running() {
        return tasks.size();
    }

    /**
     * Starts {@code spec} under the guard; the program is looked up here (in this JVM's PATH, as the launchers did),
     * so a missing one is an {@link IOException} in the JDK's words.
     */
    LaunchedProcess start(ProcessSpec spec, Duration killGrace) throws IOException {
        if (spec.command().isEmpty()) {
            throw new IOException("no program to run: the command is empty");
        }
        String file = TaskGuard.Programs.resolve(spec.command().get(0), spec.directory());
        int id = ids.incrementAndGet();
        String token = detaches ? ledger.newToken() : null;
        GuardedTask task = new GuardedTask(this, id, killGrace, token);
        tasks.put(id, task);
        try {
            send(new GuardFrame.Start(id, file, spec.command(), spec.directory() == null ? ""
                    : spec.directory().toString(), spec.environment(),
                    token == null ? "" : ledger.base(token).toString()));
        } catch (IOException e) {
            tasks.remove(id);
            throw new IOException("Cannot run program \"" + spec.command().get(0) + "\": the task guard process is"
                    + " gone (" + e.getMessage() + "); the next task starts a new one", e);
        }
        if (dead) {
            guardDied(); // the reader may have finished before this task was registered
        }
        try {
            task.awaitStarted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.killTree();
            throw new IOException("interrupted starting " + spec.command().get(0), e);
        }
        return task;
    }

    void beat() {
        try {
            send(new GuardFrame.Beat());
        } catch (IOException e) {
            // the reader sees the guard's end and acts
        }
    }

    /**
     * A planned restart: every running task of this guard is asked to detach (see {@link GuardedTask#detach}); the
     * number detached.
     */
    int detachAll() {
        int n = 0;
        for (GuardedTask t : List.copyOf(tasks.values())) {
            if (t.detach(ledger)) {
                tasks.remove(t.id());
                n++;
            }
        }
        return n;
    }

    /** Tells the guard that task {@code id} is detached: its output and status go to the ledger from now on. */
    void detach(int id) throws IOException {
        send(new GuardFrame.Detach(id));
    }

    /** This guard process's start time (clock ticks since boot), which tells it from a later process of its pid. */
    long startTime() {
        return ProcessSessions.startTime(process.pid()).orElse(-1L);
    }

    /** The host took {@code bytes} more of task {@code id}'s output (see {@link GuardFrame.Credit}). */
    void credit(int id, int bytes) {
        try {
            send(new GuardFrame.Credit(id, bytes));
        } catch (IOException e) {
            // the guard is gone: the reader stops the task itself
        }
    }

    void kill(int id, Duration grace) {
        try {
            send(new GuardFrame.Kill(id, grace.toMillis()));
        } catch (IOException e) {
            // the guard is gone: the reader stops the task itself
        }
    }

    private void send(GuardFrame f) throws IOException {
        synchronized (commands) {
            f.write(commands);
            commands.flush();
        }
    }

    /** Closes the command pipe, as the kernel does when this host dies: the guard kills what is attached and leaves. */
    void abandon() {
        synchronized (commands) {
            try {
                commands.close();
            } catch (IOException e) {
                // gone already
            }
        }
    }

    private void read(DataInputStream events) {
        try {
            while (true) {
                GuardFrame f = GuardFrame.read(events);
                if (f instanceof GuardFrame.Started s) {
                    GuardedTask t = tasks.get(s.id());
                    if (t != null) {
                        t.started(s.pid(), s.startTime(), ledger.record(s.pid(), s.startTime(), t.token()));
                    }
                } else if (f instanceof GuardFrame.Failed x) {
                    GuardedTask t = tasks.remove(x.id());
                    if (t != null) {
                        t.failed(x.message());
                    }
                } else if (f instanceof GuardFrame.Output o) {
                    GuardedTask t = tasks.get(o.id());
                    if (t != null && t.output(o.bytes(), o.length())) {
                        tasks.remove(o.id());
                    }
                } else if (f instanceof GuardFrame.Ended e) {
                    GuardedTask t = tasks.get(e.id());
                    if (t != null && t.ended(e.status())) {
                        tasks.remove(e.id()); // its output may come after its end: both are awaited
                    }
                } else {
                    throw new IOException("a frame only a host sends came from the guard: " + f);
                }
            }
        } catch (EOFException e) {
            // the guard process ended
        } catch (IOException | RuntimeException e) {
            log.error("reading the task guard process {}'s events failed: {}", process.pid(), e.toString());
        }
        dead = true;
        process.destroyForcibly();
        guardDied();
    }

    /** Stops every task the guard left behind (its pid is still the session leader's, or the session is orphaned). */
    private void guardDied() {
        List<GuardedTask> left = new ArrayList<>(tasks.values());
        tasks.clear();
        if (left.isEmpty()) {
            return;
        }
        for (GuardedTask t : left) {
            t.stopOrphaned();
        }
        log.error("the task guard process {} died: stopped its {} tasks, which could otherwise outlive this host;"
                + " new tasks start a new guard process (see its log in the task ledger folder)", process.pid(),
                left.size());
    }
}
