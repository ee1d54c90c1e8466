package io.floe.engine.spi;

import io.floe.engine.node.Detachable;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A started process: its merged stdout and stderr, its exit status, and a way to kill it with all its children. */
public interface LaunchedProcess {
    /** stdout and stderr merged, as the task output. */
    InputStream output();

    /** Waits for the process to end; its exit code, or -1 if a signal killed it. */
    int waitFor() throws InterruptedException;

    /**
     * Completes once the process has ended; {@link #waitFor()} then returns at once. This default waits on a thread
     * of {@code waiters} (killing the tree if that thread is interrupted). (Not {@link ProcessHandle#onExit()}: the JDK
     * hands each end to another thread, on a machine with 2 CPUs a new one every time.)
     */
    default CompletableFuture<Void> ended(Executor waiters) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        waiters.execute(() -> {
            try {
                waitFor();
                ended.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killTree();
                ended.completeExceptionally(e);
            } catch (RuntimeException e) {
                ended.completeExceptionally(e);
            }
        });
        return ended;
    }

    /** A handle to leave this task running over a planned restart of its host; empty where it can not be. */
    default java.util.Optional<Detachable> detachable() {
        return java.util.Optional.empty();
    }

    /** Kills the process and every process it started. Safe to call more than once, and after it ended. */
    void killTree();
}
