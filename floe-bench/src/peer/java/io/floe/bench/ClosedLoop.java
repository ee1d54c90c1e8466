package io.floe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop clients: each of {@code clients} threads starts one run, waits for its end and starts the next, so the
 * rate is what the engine sustains at that concurrency, not how fast work can be queued.
 */
final class ClosedLoop {
    /** Starts one run (of an engine, or one process) and returns when it has ended. */
    @FunctionalInterface
    interface Run {
        void once() throws Exception;
    }

    private ClosedLoop() {}

    /** Runs ended per second over {@code millis}; a client's run in flight at the end is waited for and counted. */
    static double rate(Run run, int clients, long millis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean going = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        List<Future<?>> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> {
                    while (going.get()) {
                        run.once();
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            Thread.sleep(millis);
            going.set(false);
            for (Future<?> w : workers) {
                w.get();
            }
            return done.get() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            going.set(false);
            pool.shutdownNow();
        }
    }
}
