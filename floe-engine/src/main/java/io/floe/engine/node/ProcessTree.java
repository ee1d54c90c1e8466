package io.floe.engine.node;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a process and everything it started, for both launchers: SIGTERM to the process and all its descendants at
 * once, then, on a timer rather than on the caller's thread, SIGKILL to whatever of them is still alive after the
 * grace period. The caller makes sure {@code root} is still its process (not reaped, so its pid is not reused).
 */
final class ProcessTree {
    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

    private ProcessTree() {}

    static void stop(ProcessHandle root, Duration grace) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        log.debug("stopping process {} and {} descendants", root.pid(), tree.size() - 1);
        // the parent first, so it can not start replacements for children as they die
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture.runAsync(() -> forceKill(root.pid(), tree, grace),
                CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static void forceKill(long pid, Set<ProcessHandle> tree, Duration grace) {
        Set<ProcessHandle> alive = new LinkedHashSet<>();
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                alive.add(h);
                h.descendants().forEach(alive::add);
            }
        }
        if (!alive.isEmpty()) {
            log.info("process {}: {} processes ignored SIGTERM for {} ms, killing them", pid, alive.size(),
                    grace.toMillis());
            alive.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
