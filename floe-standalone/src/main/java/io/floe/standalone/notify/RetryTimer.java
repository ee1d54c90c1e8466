package io.floe.standalone.notify;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a retry after a wait. The host waits on the wall clock; tests run retries at once and note the waits. */
@FunctionalInterface
public interface RetryTimer {
    void after(Duration wait, Runnable retry);

    /** Waits really, without a thread of its own (the JDK's shared delay scheduler). */
    static RetryTimer wall() {
        return (wait, retry) -> CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS)
                .execute(retry);
    }
}
