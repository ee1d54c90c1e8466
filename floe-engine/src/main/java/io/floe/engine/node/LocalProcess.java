package io.floe.engine.node;

import io.floe.engine.spi.LaunchedProcess;
import java.io.InputStream;
import java.time.Duration;

/** A process started by {@link LocalProcessLauncher}. */
final class LocalProcess implements SessionProcess {
    /** Java reports death by signal n as 128+n; n is at most 64 on Linux. */
    private static final int FIRST_SIGNAL_STATUS = 129;
    private static final int LAST_SIGNAL_STATUS = 192;

    private final Process process;
    private final Duration killGrace;
    private volatile boolean killed;

    LocalProcess(Process process, Duration killGrace) {
        this.process = process;
        this.killGrace = killGrace;
    }

    @Override
    public InputStream output() {
        return process.getInputStream();
    }

    /** The exit code; -1 when it ended by a signal after {@link #killTree()} (Java can only say 128+signal). */
    @Override
    public int waitFor() throws InterruptedException {
        return status(process.waitFor());
    }

    private int status(int code) {
        return killed && code >= FIRST_SIGNAL_STATUS && code <= LAST_SIGNAL_STATUS ? -1 : code;
    }

    /** Stops the process and its descendants (see {@link ProcessTree}). */
    @Override
    public void killTree() {
        killTree(killGrace);
    }

    @Override
    public void killTree(Duration grace) {
        if (!process.isAlive()) {
            // its orphans can no longer be found through it, and its pid may already be someone else's
            return;
        }
        killed = true;
        ProcessTree.stop(process.toHandle(), grace);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void killSessionUnasked() {
        if (process.isAlive()) {
            ProcessSessions.kill(process.pid());
        }
    }

    @Override
    public String toString() {
        return "process " + process.pid();
    }
}
