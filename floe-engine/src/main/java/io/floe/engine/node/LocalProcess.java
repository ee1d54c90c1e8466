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
    private volatile TaskGuard.Watch watch;

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
        int code = process.waitFor();
        TaskGuard.Watch w = watch;
        if (w != null) {
            w.release();
        }
        return status(code);
    }

    void watchedBy(TaskGuard.Watch w) {
        this.watch = w;
    }

    /**
     * Its watcher's pipe broke: SIGKILL to the task's session, which it leads; false when the task had ended (the JDK
     * closes a process's stdin stream, the watcher's pipe here, when it ends: no watcher died).
     */
    boolean killSession() {
        if (process.isAlive()) {
            killed = true;
            ProcessSessions.kill(process.pid());
            return true;
        }
        return false;
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
