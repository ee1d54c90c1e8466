package io.floe.engine.node;

import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A process started by {@link LocalProcessLauncher}. */
final class LocalProcess implements LaunchedProcess {
    private static final Logger log = LoggerFactory.getLogger(LocalProcess.class);
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
        int code = process.waitFor();
        if (killed && code >= FIRST_SIGNAL_STATUS && code <= LAST_SIGNAL_STATUS) {
            return -1;
        }
        return code;
    }

    /**
     * Sends SIGTERM to the process and all its descendants at once, then, on a timer rather than on the caller's
     * thread, SIGKILL to whatever of them is still alive after the grace period.
     */
    @Override
    public void killTree() {
        if (!process.isAlive()) {
            // its orphans can no longer be found through it, and its pid may already be someone else's
            return;
        }
        killed = true;
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        log.debug("stopping process {} and {} descendants", process.pid(), tree.size() - 1);
        // the parent first, so it can not start replacements for children as they die
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture.runAsync(() -> forceKill(tree),
                CompletableFuture.delayedExecutor(killGrace.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void forceKill(Set<ProcessHandle> tree) {
        Set<ProcessHandle> alive = new LinkedHashSet<>();
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                alive.add(h);
                h.descendants().forEach(alive::add);
            }
        }
        if (!alive.isEmpty()) {
            log.info("process {}: {} processes ignored SIGTERM for {} ms, killing them", process.pid(), alive.size(),
                    killGrace.toMillis());
            alive.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public String toString() {
        return "process " + process.pid();
    }
}
