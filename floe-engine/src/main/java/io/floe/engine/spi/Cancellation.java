package io.floe.engine.spi;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a running task that it must stop (run cancelled, task timed out, host closing). Tasks register what to do;
 * a callback registered after cancellation runs at once.
 */
public final class Cancellation {
    private static final Logger log = LoggerFactory.getLogger(Cancellation.class);
    private final List<Runnable> callbacks = new ArrayList<>();
    private String reason;

    /** Requests cancellation; only the first reason is kept. Returns false if already cancelled. */
    public boolean cancel(String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null) {
                return false;
            }
            reason = why;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(Cancellation::runQuietly);
        return true;
    }

    public void onCancel(Runnable r) {
        synchronized (this) {
            if (reason == null) {
                callbacks.add(r);
                return;
            }
        }
        runQuietly(r);
    }

    public synchronized boolean isCancelled() {
        return reason != null;
    }

    /** Why it was cancelled, or null. */
    public synchronized String reason() {
        return reason;
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("cancellation callback failed", e);
        }
    }
}
