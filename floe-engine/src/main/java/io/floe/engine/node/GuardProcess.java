package io.floe.engine.node;

import io.floe.engine.spi.ProcessSpec;
import io.floe.engine.workspace.PrivateFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The guard process of a host (issue 16, issue 21 §1): one small JVM per host process, in a session of its own, the
 * parent of all the host's exec tasks. It reads {@link GuardFrame}s from the host on stdin and answers on stdout;
 * each task starts in a session of its own, its output and exit status go back in frames. It kills every task's
 * session when the host's pipe ends (the host died) or no heartbeat came for the deadline (the host froze or can not
 * vouch for its runs); a task that ended is forgotten, so what it left running on purpose stays. Being the parent, it
 * signals only processes it has not collected yet: no pid of another process's.
 * <p>
 * A planned restart (issue 16 part 2) detaches tasks ({@link GuardFrame.Detach}): their output then goes to the
 * ledger's {@code <token>.out} ({@link OutputSpool}) and their exit status to {@code <token>.status}, and the guard
 * outlives its host while it keeps such a task, each for at most the grace. The next process of the host reattaches a
 * task through the FIFO {@code <token>.beat} ({@link KeptTask}); one not reattached within the grace is killed.
 * <p>
 * Arguments: the heartbeat deadline in milliseconds, {@link Kind} (which launcher starts the tasks), and the grace in
 * milliseconds (0: tasks are never detached).
 */
public final class GuardProcess {
    /** How long the guard waits, once its host is gone, for its killed tasks to be collected before it leaves. */
    private static final long LEAVE_AFTER_MILLIS = 10_000;

    /** How the guard starts tasks. */
    enum Kind {
        /** {@link PosixSpawnLauncher} with its session flag; ProcessBuilder and {@code setsid} where it can not load. */
        POSIX_SPAWN,
        /** ProcessBuilder and {@code setsid}, as {@link LocalProcessLauncher}. */
        PROCESS_BUILDER
    }

    /** How long an ended task's spooled output is kept, for a detach that crossed its end on the pipe. */
    private static final long KEEP_ENDED_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long a detached task's status waits for the last of its output to reach the spool file. */
    private static final long OUTPUT_AFTER_END_MILLIS = 2_000;

    private final DataOutputStream out;
    private final Duration deadline;
    private final Duration grace;
    private final Starter starter;
    private final Map<Integer, Running> tasks = new ConcurrentHashMap<>();
    /**
     * The threads that pass on each task's output and wait for its end, kept for the next tasks: starting two threads
     * per task cost the guard more than the rest of its work for a short task.
     */
    private final java.util.concurrent.ExecutorService workers = Executors.newCachedThreadPool(
            r -> daemon(r, "task"));
    private volatile long lastBeat = System.nanoTime();

    private GuardProcess(DataOutputStream out, Duration deadline, Duration grace, Starter starter) {
        this.out = out;
        this.deadline = deadline;
        this.grace = grace;
        this.starter = starter;
    }

    public static void main(String[] args) throws IOException {
        // stdout is the event pipe: nothing else may write there (a logger's console appender goes to stderr)
        DataOutputStream events = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(
                FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        Duration deadline = Duration.ofMillis(Long.parseLong(args[0]));
        Kind kind = Kind.valueOf(args[1]);
        Duration grace = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 0);
        new GuardProcess(events, deadline, grace, starter(kind))
                .run(new DataInputStream(new BufferedInputStream(System.in)));
        System.exit(0);
    }

    private void run(DataInputStream commands) {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "deadline"));
        long every = Math.max(1, deadline.toMillis() / 4);
        watchdog.scheduleWithFixedDelay(this::checkBeat, every, every, TimeUnit.MILLISECONDS);
        try {
            while (true) {
                GuardFrame f = GuardFrame.read(commands);
                if (f instanceof GuardFrame.Start s) {
                    start(s);
                } else if (f instanceof GuardFrame.Beat) {
                    lastBeat = System.nanoTime();
                } else if (f instanceof GuardFrame.Kill k) {
                    Running r = tasks.get(k.id());
                    if (r != null) {
                        r.process.killTree(Duration.ofMillis(k.graceMillis()));
                    }
                } else if (f instanceof GuardFrame.Credit c) {
                    Running r = tasks.get(c.id());
                    if (r != null) {
                        r.credit(c.bytes());
                    }
                } else if (f instanceof GuardFrame.Detach d) {
                    Running r = tasks.get(d.id());
                    if (r != null) {
                        r.detach();
                    }
                } else {
                    throw new IOException("a frame only a guard sends came from the host: " + f);
                }
            }
        } catch (EOFException e) {
            // the host is gone: the kernel closed its end of the pipe
        } catch (IOException | RuntimeException e) {
            System.err.println("floe guard: reading the host's pipe failed, stopping its tasks: " + e);
        }
        tasks.values().forEach(Running::hostGone);
        killAttached("its host is gone");
        tasks.values().forEach(Running::keepAfterHost);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LEAVE_AFTER_MILLIS);
        // a detached task stays in the map until it ended and was recorded, or was released
        while (tasks.values().stream().anyMatch(r -> r.kept != null || !r.ended && System.nanoTime() < until)) {
            sleep(20);
        }
        watchdog.shutdownNow();
    }

    private void checkBeat() {
        long now = System.nanoTime();
        if (now - lastBeat > deadline.toNanos()) {
            killAttached("no heartbeat from its host for " + deadline.toMillis() + " ms");
        }
        for (Running r : tasks.values()) {
            if (r.kept != null && !r.ended && r.kept.expired(now)) {
                System.err.println("floe guard: killing detached task session " + r.process.pid() + ": "
                        + r.kept.why());
                r.kept.killedAtGrace = true;
                r.process.killSessionUnasked();
            } else if (r.kept == null && r.ended && r.outputDone.getCount() == 0
                    && now - r.endedAt > KEEP_ENDED_NANOS) {
                tasks.remove(r.id);
            }
        }
    }

    private void killAttached(String why) {
        List<Running> all = new ArrayList<>();
        for (Running r : tasks.values()) {
            if (r.kept == null && !r.ended) {
                all.add(r);
            }
        }
        if (!all.isEmpty()) {
            System.err.println("floe guard: killing " + all.size() + " task sessions: " + why);
        }
        all.forEach(r -> r.process.killSessionUnasked());
    }

    private void start(GuardFrame.Start s) throws IOException {
        SessionProcess p;
        try {
            Path dir = s.dir().isEmpty() ? null : Path.of(s.dir());
            p = starter.start(new ProcessSpec(s.argv(), dir, s.env()), s.file());
        } catch (IOException | RuntimeException e) {
            send(new GuardFrame.Failed(s.id(), e.getMessage() == null ? e.toString() : e.getMessage()));
            return;
        }
        // not collected before the waiter below runs: the start time is this process's
        long started = ProcessSessions.startTime(p.pid()).orElse(-1L);
        Running r = new Running(s.id(), p, s.spool().isEmpty() ? null : Path.of(s.spool()));
        tasks.put(s.id(), r);
        send(new GuardFrame.Started(s.id(), p.pid(), started));
        workers.execute(r::forward);
        workers.execute(r::await);
    }

    /** A task of this guard. */
    private final class Running {
        final int id;
        final SessionProcess process;
        /** The ledger's base name for its files; null: it can not be detached. */
        final Path base;
        final OutputSpool spool;
        final java.util.concurrent.CountDownLatch outputDone = new java.util.concurrent.CountDownLatch(1);
        /** Set once detached: from then its output goes to the spool only and it may outlive the host. */
        volatile KeptTask kept;
        /** What the host still takes of its output before it must wait ({@link GuardFrame.Credit}); under this. */
        private long credit = GuardFrame.Credit.WINDOW;
        /** The host is gone: no credit will come, and what is sent goes nowhere. */
        private boolean hostGone;
        volatile boolean ended;
        volatile long endedAt;
        private int status;

        Running(int id, SessionProcess process, Path base) {
            this.id = id;
            this.process = process;
            this.base = base;
            this.spool = base == null ? null : new OutputSpool(base);
        }

        void forward() {
            byte[] buf = new byte[8192];
            try (InputStream output = process.output()) {
                int n;
                while ((n = output.read(buf)) > 0) {
                    if (spool != null) {
                        spoolOrForward(buf, n);
                    } else if (awaitCredit(n)) {
                        send(new GuardFrame.Output(id, buf, n));
                    }
                }
            } catch (IOException e) {
                // the host's pipe broke (the reader ends on its own) or the task's output failed: its end follows
            }
            if (spool != null) {
                spool.end();
            }
            if (kept == null) {
                trySend(new GuardFrame.Output(id, buf, 0));
            }
            outputDone.countDown();
            forgetIfDone();
        }

        /**
         * Forgets a task without a spool once both its status and the end of its output were sent: until then the
         * host's credit for its output must still find it.
         */
        private synchronized void forgetIfDone() {
            if (spool == null && ended && outputDone.getCount() == 0) {
                tasks.remove(id);
            }
        }

        /** Kept in the spool in case it is detached; passed on to the host while it is not. */
        private void spoolOrForward(byte[] buf, int n) throws IOException {
            try {
                spool.add(buf, n);
            } catch (IOException e) {
                System.err.println("floe guard: could not spool the output of task " + process.pid() + ": " + e);
            }
            if (awaitCredit(n)) {
                send(new GuardFrame.Output(id, buf, n));
            }
        }

        /**
         * Waits until the host takes more of the output, then counts {@code n} bytes against its credit; false when
         * they are not to be sent (the task was detached meanwhile, or its host is gone). The task meanwhile waits on
         * its full pipe.
         */
        private synchronized boolean awaitCredit(int n) {
            while (credit <= 0 && kept == null && !hostGone) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (kept != null || hostGone) {
                return false;
            }
            credit -= n;
            return true;
        }

        synchronized void credit(int bytes) {
            credit += bytes;
            notifyAll();
        }

        synchronized void hostGone() {
            hostGone = true;
            notifyAll();
        }

        void await() {
            int s;
            try {
                s = process.waitFor();
            } catch (InterruptedException | RuntimeException e) {
                s = -1;
            }
            boolean detached;
            synchronized (this) {
                status = s;
                ended = true;
                endedAt = System.nanoTime();
                detached = kept != null;
            }
            if (!detached) {
                trySend(new GuardFrame.Ended(id, s));
                forgetIfDone(); // one with a spool is kept a while, for a detach that crossed this end (see checkBeat)
                return;
            }
            endDetached();
        }

        /** Its output and status go to the ledger from now on; the host forgets it. */
        void detach() {
            boolean done;
            synchronized (this) {
                if (spool == null || kept != null) {
                    return;
                }
                kept = new KeptTask(base, deadline, grace);
                done = ended;
                notifyAll(); // a forwarder waiting for credit spools only from now on
            }
            try {
                spool.toFile();
            } catch (IOException e) {
                System.err.println("floe guard: could not write the output of detached task " + process.pid()
                        + " to " + base + ".out: " + e);
            }
            if (done) {
                endDetached();
            }
        }

        /** The host is gone: a detached task is now reattached (or not) through its FIFO. */
        void keepAfterHost() {
            if (kept != null && !ended) {
                kept.listen(this::release);
            }
        }

        /** The next process of the host collected the task: it is not watched any longer. */
        private void release() {
            tasks.remove(id);
        }

        /**
         * Writes the status once the last output is in the file, unless the guard killed the task at the end of its
         * grace (it then has none) or its ledger entry is gone (the next process of the host stopped it).
         */
        private void endDetached() {
            try {
                outputDone.await(OUTPUT_AFTER_END_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Path record = Path.of(base + ".detached");
            if (!kept.killedAtGrace && java.nio.file.Files.exists(record)) {
                try {
                    java.nio.file.Path tmp = Path.of(base + ".status.tmp");
                    java.nio.file.Path file = Path.of(base + ".status");
                    PrivateFiles.write(tmp, status + " -1\n");
                    java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    if (!java.nio.file.Files.exists(record)) {
                        // the host forgot the task while this was written (it removes the record first): nobody
                        // reads this status, and the host may have removed the task's other files already
                        java.nio.file.Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    System.err.println("floe guard: could not record the status of detached task "
                            + process.pid() + " in " + base + ".status: " + e);
                }
            }
            kept.close();
            tasks.remove(id);
        }
    }

    private void trySend(GuardFrame f) {
        try {
            send(f);
        } catch (IOException e) {
            // the host is gone; the command loop sees the end of its pipe and stops what runs
        }
    }

    private void send(GuardFrame f) throws IOException {
        synchronized (out) {
            f.write(out);
            out.flush();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(null, r, "floe-guard-" + name, 64 * 1024);
        t.setDaemon(true);
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a task in a session of its own. */
    private interface Starter {
        SessionProcess start(ProcessSpec spec, String file) throws IOException;
    }

    private static Starter starter(Kind kind) {
        if (kind == Kind.POSIX_SPAWN) {
            var spawn = PosixSpawnLauncher.load(LocalProcessLauncher.DEFAULT_KILL_GRACE);
            if (spawn.isPresent()) {
                PosixSpawnLauncher launcher = spawn.get().inSessions();
                return launcher::spawn;
            }
            System.err.println("floe guard: posix_spawn does not load here, starting tasks with setsid");
        }
        String setsid = TaskGuard.Programs.find("setsid", List.of("/usr/bin", "/bin")).orElseThrow(() ->
                new IllegalStateException("no setsid program found: install util-linux"));
        return (spec, file) -> {
            List<String> command = new ArrayList<>(spec.command());
            command.set(0, file);
            command.add(0, setsid);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (spec.directory() != null) {
                pb.directory(spec.directory().toFile());
            }
            pb.environment().clear();
            pb.environment().putAll(spec.environment());
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new IOException(e.getMessage().replace("Cannot run program \"" + setsid + "\"",
                        "Cannot run program \"" + spec.command().get(0) + "\""), e);
            }
            return new LocalProcess(process, LocalProcessLauncher.DEFAULT_KILL_GRACE);
        };
    }
}
