package io.floe.engine.hub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Completes the futures of the hub's callers off the routing thread: whatever a caller chained to its future
 * ({@code thenApply}, {@code join} in a continuation, a slow observer) runs on this executor, so it can never hold up
 * routing, as the event queue does for observers. When the executor no longer takes work (the host is closing), the
 * future is completed on the thread at hand, so that no caller waits for ever.
 */
final class Callers {
    /** Completes in the thread that answers: for turns answered off the routing thread (a closing dispatch). */
    static final Callers IN_PLACE = new Callers(Runnable::run);

    private final Executor executor;

    Callers(Executor executor) {
        this.executor = executor;
    }

    <T> void complete(CompletableFuture<T> to, T value) {
        run(() -> to.complete(value));
    }

    void fail(CompletableFuture<?> to, Throwable failure) {
        run(() -> to.completeExceptionally(failure));
    }

    private void run(Runnable completion) {
        try {
            executor.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }
}
