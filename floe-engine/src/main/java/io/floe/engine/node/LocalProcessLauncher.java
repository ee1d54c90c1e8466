package io.floe.engine.node;

import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.IOException;
import java.time.Duration;

/**
 * Starts processes on this machine with {@link ProcessBuilder}: stderr merged into stdout, stdin empty (so a program
 * that reads input gets end-of-file rather than waiting forever), the spec's environment only.
 */
public final class LocalProcessLauncher implements ProcessLauncher {
    /** How long a killed process tree gets to stop on SIGTERM before it is killed forcibly. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(3);

    private final Duration killGrace;
    private final TaskGuard guard;
    /** {@code setsid}, which puts a guarded task in a session of its own (ProcessBuilder can not). */
    private final String setsid;

    public LocalProcessLauncher() {
        this(DEFAULT_KILL_GRACE);
    }

    /** @param killGrace how long {@link LaunchedProcess#killTree()} waits between SIGTERM and SIGKILL */
    public LocalProcessLauncher(Duration killGrace) {
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("the kill grace period can not be negative: " + killGrace);
        }
        this.killGrace = killGrace;
        this.guard = null;
        this.setsid = null;
    }

    private LocalProcessLauncher(Duration killGrace, TaskGuard guard, String setsid) {
        this.killGrace = killGrace;
        this.guard = guard;
        this.setsid = setsid;
    }

    /**
     * Guarded by {@code taskGuard}'s guard process, which starts each task with ProcessBuilder and {@code setsid}; on a
     * host that runs one run ({@link TaskGuard#watchEachTaskAlone}) each task under a watcher of its own, where
     * {@code setsid} is found (else unguarded, with a warning).
     */
    @Override
    public ProcessLauncher guardedBy(TaskGuard taskGuard) {
        if (taskGuard.usesGuardProcess()) {
            return taskGuard.launcher(GuardProcess.Kind.PROCESS_BUILDER, killGrace);
        }
        return TaskGuard.Programs.find("setsid", java.util.List.of("/usr/bin", "/bin"))
                .<ProcessLauncher>map(s -> new LocalProcessLauncher(killGrace, taskGuard, s))
                .orElseGet(() -> {
                    org.slf4j.LoggerFactory.getLogger(LocalProcessLauncher.class).warn("no setsid program found:"
                            + " the processes of this host's tasks are not guarded and could outlive the host");
                    return this;
                });
    }

    @Override
    public LaunchedProcess start(ProcessSpec spec) throws IOException {
        if (spec.command().isEmpty()) {
            throw new IOException("no program to run: the command is empty");
        }
        java.util.List<String> command = spec.command();
        if (guard != null) {
            command = new java.util.ArrayList<>(guard.command(spec));
            command.add(0, setsid);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (spec.directory() != null) {
            pb.directory(spec.directory().toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(spec.environment());
        Process process = pb.start();
        if (guard != null) {
            // stdin is the watcher's heartbeat pipe; the task itself reads /dev/null
            LocalProcess p = new LocalProcess(process, killGrace);
            p.watchedBy(guard.watch(process.pid(), process.getOutputStream(), p::killSession));
            return p;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the process already ended; nothing to give end-of-file to
        }
        return new LocalProcess(process, killGrace);
    }
}
