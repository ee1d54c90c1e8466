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

    /**
     * What a loop did: {@code runs} ended in {@code seconds}, using {@code cpuMillis} of CPU time in this JVM and the
     * processes it started and waited for (every thread of the JVM: the JIT's and the collector's too).
     */
    record Outcome(long runs, double seconds, double cpuMillis) {
        double rate() {
            return runs / seconds;
        }

        double cpuPerRun() {
            return cpuMillis / runs;
        }
    }

    private ClosedLoop() {}

    /** Keeps {@code clients} runs going for {@code millis}; a client's run in flight at the end is waited for. */
    static Outcome measure(Run run, int clients, long millis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean going = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        List<Future<?>> workers = new ArrayList<>();
        double cpu0 = ProcessCpu.self();
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
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Outcome(done.get(), seconds, ProcessCpu.self() - cpu0);
        } finally {
            going.set(false);
            pool.shutdownNow();
        }
    }
}
