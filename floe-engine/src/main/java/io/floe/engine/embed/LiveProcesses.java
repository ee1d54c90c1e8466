package io.floe.engine.embed;

import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps count of the processes a run started until each has really ended, so an aborted build can kill what is left
 * and wait for it: a build reports ABORTED only once its tasks are gone. Each process is waited for by a thread of
 * its own, which the engine's task threads may stop waiting on without losing track of the process.
 */
final class LiveProcesses implements ProcessLauncher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveProcesses.class);

    private final ProcessLauncher delegate;
    private final Set<Tracked> live = ConcurrentHashMap.newKeySet();
    private final ExecutorService waiters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "floe-embed-process-waiter");
        t.setDaemon(true);
        return t;
    });

    LiveProcesses(ProcessLauncher delegate) {
        this.delegate = delegate;
    }

    @Override
    public LaunchedProcess start(ProcessSpec spec) throws IOException {
        LaunchedProcess p = delegate.start(spec);
        Tracked t = new Tracked(p);
        live.add(t);
        waiters.execute(t::follow);
        return t;
    }

    /** How many started processes have not ended yet. */
    int count() {
        return live.size();
    }

    /** Kills every process still running, with all its children. */
    void killAll() {
        for (Tracked t : List.copyOf(live)) {
            t.killTree();
        }
    }

    /** Waits until every started process has ended; false if some still run after {@code timeout}. */
    boolean awaitNone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Tracked t : List.copyOf(live)) {
            long left = deadline - System.nanoTime();
            try {
                t.exit.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return live.isEmpty();
            } catch (ExecutionException e) {
                // waiting failed; the process is no longer ours to follow
            }
        }
        return true;
    }

    @Override
    public void close() {
        waiters.shutdownNow();
    }

    /** A started process whose end is followed here; the engine's waits read the same end. */
    private final class Tracked implements LaunchedProcess {
        private final LaunchedProcess process;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();

        Tracked(LaunchedProcess process) {
            this.process = process;
        }

        void follow() {
            try {
                exit.complete(process.waitFor());
            } catch (InterruptedException e) {
                // only close() interrupts: the build is over and no one waits any more
                exit.completeExceptionally(e);
            } catch (RuntimeException e) {
                log.debug("waiting for {} failed: {}", process, e.toString());
                exit.completeExceptionally(e);
            } finally {
                live.remove(this);
            }
        }

        @Override
        public InputStream output() {
            return process.output();
        }

        @Override
        public int waitFor() throws InterruptedException {
            try {
                return exit.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof InterruptedException ie) {
                    throw ie;
                }
                throw new IllegalStateException("waiting for " + process + " failed: " + cause, cause);
            }
        }

        @Override
        public void killTree() {
            process.killTree();
        }

        @Override
        public String toString() {
            return process.toString();
        }
    }
}
