package io.floe.engine.node;

import io.floe.engine.spi.ProcessSpec;
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
 * Arguments: the heartbeat deadline in milliseconds, and {@link Kind} (which launcher starts the tasks).
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

    private final DataOutputStream out;
    private final Duration deadline;
    private final Starter starter;
    private final Map<Integer, SessionProcess> tasks = new ConcurrentHashMap<>();
    private volatile long lastBeat = System.nanoTime();

    private GuardProcess(DataOutputStream out, Duration deadline, Starter starter) {
        this.out = out;
        this.deadline = deadline;
        this.starter = starter;
    }

    public static void main(String[] args) throws IOException {
        // stdout is the event pipe: nothing else may write there (a logger's console appender goes to stderr)
        DataOutputStream events = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(
                FileDescriptor.out), 1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        Duration deadline = Duration.ofMillis(Long.parseLong(args[0]));
        Kind kind = Kind.valueOf(args[1]);
        new GuardProcess(events, deadline, starter(kind)).run(new DataInputStream(new BufferedInputStream(System.in)));
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
                    SessionProcess p = tasks.get(k.id());
                    if (p != null) {
                        p.killTree(Duration.ofMillis(k.graceMillis()));
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
        killAll("its host is gone");
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LEAVE_AFTER_MILLIS);
        while (!tasks.isEmpty() && System.nanoTime() < until) {
            sleep(10);
        }
        watchdog.shutdownNow();
    }

    private void checkBeat() {
        if (System.nanoTime() - lastBeat > deadline.toNanos() && !tasks.isEmpty()) {
            killAll("no heartbeat from its host for " + deadline.toMillis() + " ms");
        }
    }

    private void killAll(String why) {
        List<SessionProcess> all = new ArrayList<>(tasks.values());
        if (!all.isEmpty()) {
            System.err.println("floe guard: killing " + all.size() + " task sessions: " + why);
        }
        all.forEach(SessionProcess::killSessionUnasked);
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
        tasks.put(s.id(), p);
        send(new GuardFrame.Started(s.id(), p.pid(), started));
        daemon(() -> forward(s.id(), p.output()), "output-" + s.id()).start();
        daemon(() -> await(s.id(), p), "wait-" + s.id()).start();
    }

    private void forward(int id, InputStream output) {
        byte[] buf = new byte[8192];
        try (output) {
            int n;
            while ((n = output.read(buf)) > 0) {
                send(new GuardFrame.Output(id, buf, n));
            }
        } catch (IOException e) {
            // the host's pipe broke (the reader ends on its own) or the task's output failed: its end follows
        }
        trySend(new GuardFrame.Output(id, buf, 0));
    }

    private void await(int id, SessionProcess p) {
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException | RuntimeException e) {
            status = -1;
        }
        tasks.remove(id);
        trySend(new GuardFrame.Ended(id, status));
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
