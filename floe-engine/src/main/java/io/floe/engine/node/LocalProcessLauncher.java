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

    public LocalProcessLauncher() {
        this(DEFAULT_KILL_GRACE);
    }

    /** @param killGrace how long {@link LaunchedProcess#killTree()} waits between SIGTERM and SIGKILL */
    public LocalProcessLauncher(Duration killGrace) {
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("the kill grace period can not be negative: " + killGrace);
        }
        this.killGrace = killGrace;
    }

    /** Guarded by {@code taskGuard}'s guard process, which starts each task with ProcessBuilder and {@code setsid}. */
    @Override
    public ProcessLauncher guardedBy(TaskGuard taskGuard) {
        return taskGuard.launcher(GuardProcess.Kind.PROCESS_BUILDER, killGrace);
    }

    @Override
    public LaunchedProcess start(ProcessSpec spec) throws IOException {
        if (spec.command().isEmpty()) {
            throw new IOException("no program to run: the command is empty");
        }
        ProcessBuilder pb = new ProcessBuilder(spec.command()).redirectErrorStream(true);
        if (spec.directory() != null) {
            pb.directory(spec.directory().toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(spec.environment());
        Process process = pb.start();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the process already ended; nothing to give end-of-file to
        }
        return new LocalProcess(process, killGrace);
    }
}
