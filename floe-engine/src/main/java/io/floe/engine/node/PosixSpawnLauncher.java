package io.floe.engine.node;

import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Platform;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts processes with C's {@code posix_spawnp} (through jnr-ffi) instead of {@link ProcessBuilder}, which on Linux
 * starts a helper program ({@code jspawnhelper}) that then starts the real one: two program loads per process where
 * this needs one. Measured in docs/BENCHMARKS.md (figure 3).
 * <p>
 * The process gets what {@link LocalProcessLauncher} gives it: stdin from {@code /dev/null}, stdout and stderr into
 * one pipe, the spec's folder and environment only, no signal blocked, and no descriptor of this JVM (every one from
 * 3 up is closed in the child). A program that cannot be started is an {@link IOException} naming it and the reason,
 * and {@link LaunchedProcess#killTree()} stops the whole tree the same way.
 * <p>
 * Needs Linux with glibc 2.34 or later and jnr-ffi on the class path; {@link #load} says whether this machine has them.
 */
public final class PosixSpawnLauncher implements ProcessLauncher {
    private static final Logger log = LoggerFactory.getLogger(PosixSpawnLauncher.class);
    /** glibc's sizes on 64-bit Linux are 80, 336 and 128 bytes; the buffers leave room to spare. */
    private static final int ACTIONS_SIZE = 256;
    private static final int ATTRIBUTES_SIZE = 1024;
    private static final int SIGNAL_SET_SIZE = 256;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    /** glibc's flag (2.26+) for a child in a session of its own: how a guarded task gets its own process group. */
    private static final short POSIX_SPAWN_SETSID = 0x80;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;

    private final PosixSpawnLibc libc;
    private final Runtime runtime;
    private final Pointer attributes;
    private final Duration killGrace;
    private final TaskGuard guard;
    /** Whether each process starts in a session of its own (the guard process's launcher, or a guarded one). */
    private final boolean sessions;

    private PosixSpawnLauncher(PosixSpawnLibc libc, Duration killGrace, TaskGuard guard) {
        this(libc, killGrace, guard, guard != null);
    }

    private PosixSpawnLauncher(PosixSpawnLibc libc, Duration killGrace, TaskGuard guard, boolean sessions) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.killGrace = killGrace;
        this.guard = guard;
        this.sessions = sessions;
        // the same for every process, and only read by posix_spawnp: prepared once
        this.attributes = Memory.allocateDirect(runtime, ATTRIBUTES_SIZE, true);
        Pointer noSignals = Memory.allocateDirect(runtime, SIGNAL_SET_SIZE, true);
        check(libc.posix_spawnattr_init(attributes), "posix_spawnattr_init");
        check(libc.sigemptyset(noSignals), "sigemptyset");
        check(libc.posix_spawnattr_setsigmask(attributes, noSignals), "posix_spawnattr_setsigmask");
        short flags = !sessions ? POSIX_SPAWN_SETSIGMASK : (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID);
        check(libc.posix_spawnattr_setflags(attributes, flags), "posix_spawnattr_setflags");
    }

    /**
     * Guarded by {@code taskGuard}'s guard process, which starts each task with this launcher in a session of its own;
     * on a host that runs one run ({@link TaskGuard#watchEachTaskAlone}) each task in a session of its own under a
     * watcher of its own.
     */
    @Override
    public ProcessLauncher guardedBy(TaskGuard taskGuard) {
        if (!taskGuard.usesGuardProcess()) {
            return new PosixSpawnLauncher(libc, killGrace, taskGuard);
        }
        return taskGuard.launcher(GuardProcess.Kind.POSIX_SPAWN, killGrace);
    }

    /** This launcher starting each process in a session of its own (what {@link GuardProcess} uses). */
    PosixSpawnLauncher inSessions() {
        return new PosixSpawnLauncher(libc, killGrace, null, true);
    }

    /**
     * This launcher, when this machine can run it (Linux, glibc 2.34 or later, jnr-ffi and its native part loadable),
     * else empty with the reason logged at debug level.
     *
     * @param killGrace how long {@link LaunchedProcess#killTree()} waits between SIGTERM and SIGKILL
     */
    public static Optional<PosixSpawnLauncher> load(Duration killGrace) {
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("the kill grace period can not be negative: " + killGrace);
        }
        try {
            if (Platform.getNativePlatform().getOS() != Platform.OS.LINUX) {
                log.debug("posix_spawn launcher: only used on Linux");
                return Optional.empty();
            }
            PosixSpawnLibc libc = LibraryLoader.create(PosixSpawnLibc.class).load("c");
            PosixSpawnLauncher launcher = new PosixSpawnLauncher(libc, killGrace, null);
            launcher.probe();
            return Optional.of(launcher);
        } catch (LinkageError | RuntimeException e) {
            // no jnr-ffi on the class path, no native stub for this platform, or an older C library
            log.debug("posix_spawn launcher not available here: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Calls the file actions that older C libraries lack, so a missing one shows at {@link #load}, not per task. */
    private void probe() {
        Pointer actions = Memory.allocateDirect(runtime, ACTIONS_SIZE, true);
        check(libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            check(libc.posix_spawn_file_actions_addchdir_np(actions, "/"), "posix_spawn_file_actions_addchdir_np");
            check(libc.posix_spawn_file_actions_addclosefrom_np(actions, 3),
                    "posix_spawn_file_actions_addclosefrom_np");
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
        }
    }

    @Override
    public LaunchedProcess start(ProcessSpec spec) throws IOException {
        return spawn(spec, null);
    }

    /**
     * Starts {@code spec}, running the program {@code file} (null: looked up from argv[0]) with the spec's argv,
     * argv[0] included: a program found by its caller still sees the name it was given.
     */
    SpawnedProcess spawn(ProcessSpec spec, String file) throws IOException {
        if (spec.command().isEmpty()) {
            throw new IOException("no program to run: the command is empty");
        }
        String program = spec.command().get(0);
        List<String> command = guard == null ? spec.command() : guard.command(spec);
        int[] pipe = pipe(program, "its output");
        int[] heartbeat = null;
        if (guard != null) {
            try {
                heartbeat = pipe(program, "its guard");
            } catch (IOException e) {
                libc.close(pipe[0]);
                libc.close(pipe[1]);
                throw e;
            }
        }
        int[] pid = new int[1];
        int error;
        Pointer actions = Memory.allocateDirect(runtime, ACTIONS_SIZE, true);
        check(libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            if (heartbeat == null) {
                check(libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", O_RDONLY, 0), "addopen");
            } else {
                // the watcher reads the heartbeat pipe; the task itself gets /dev/null from the guard's script
                check(libc.posix_spawn_file_actions_adddup2(actions, heartbeat[0], 0), "adddup2");
            }
            check(libc.posix_spawn_file_actions_adddup2(actions, pipe[1], 1), "adddup2");
            check(libc.posix_spawn_file_actions_adddup2(actions, pipe[1], 2), "adddup2");
            if (spec.directory() != null) {
                check(libc.posix_spawn_file_actions_addchdir_np(actions, spec.directory().toString()), "addchdir");
            }
            check(libc.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom");
            NativeStrings argv = NativeStrings.of(runtime, command);
            NativeStrings envp = NativeStrings.of(runtime, environment(spec.environment()));
            error = libc.posix_spawnp(pid, file != null ? file : command.get(0), actions, attributes, argv.pointer(),
                    envp.pointer());
            argv.release();
            envp.release();
        } catch (RuntimeException e) {
            libc.close(pipe[0]);
            if (heartbeat != null) {
                libc.close(heartbeat[1]);
            }
            throw e;
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
            libc.close(pipe[1]); // the child has its copies; the reader sees the end when the last one closes
            if (heartbeat != null) {
                libc.close(heartbeat[0]);
            }
        }
        if (error != 0) {
            libc.close(pipe[0]);
            if (heartbeat != null) {
                libc.close(heartbeat[1]);
            }
            throw new IOException("Cannot run program \"" + program + "\""
                    + (spec.directory() == null ? "" : " (in directory \"" + spec.directory() + "\")")
                    + ": error=" + error + ", " + libc.strerror(error));
        }
        SpawnedProcess p = new SpawnedProcess(libc, pid[0], pipe[0], killGrace);
        if (heartbeat != null) {
            p.watchedBy(guard.watch(pid[0], new FdOutput(libc, heartbeat[1]), p::killSession));
        }
        return p;
    }

    private int[] pipe(String program, String what) throws IOException {
        int[] fds = new int[2];
        if (libc.pipe2(fds, O_CLOEXEC) != 0) {
            int errno = runtime.getLastError();
            throw new IOException("Cannot run program \"" + program + "\": no pipe for " + what + ": "
                    + libc.strerror(errno) + " (too many open files?)");
        }
        return fds;
    }

    private static List<String> environment(Map<String, String> env) {
        List<String> out = new java.util.ArrayList<>(env.size());
        for (Map.Entry<String, String> e : env.entrySet()) {
            out.add(e.getKey() + "=" + e.getValue());
        }
        return out;
    }

    private static void check(int result, String call) {
        if (result != 0) {
            throw new IllegalStateException(call + " failed with error " + result);
        }
    }

    @Override
    public String toString() {
        return "posix_spawn launcher";
    }
}
