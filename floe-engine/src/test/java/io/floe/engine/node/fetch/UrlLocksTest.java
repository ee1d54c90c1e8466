package io.floe.engine.node.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One download per URL, also between two owners in one JVM (a fetch task type and a flow-file loader). */
class UrlLocksTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondOwnerWaitsUntilTheFirstLetsGo() throws Exception {
        Path lockFile = tmp.resolve("k.lock");
        UrlLocks first = new UrlLocks();
        UrlLocks second = new UrlLocks();
        UrlLocks.Lease held = first.acquire(lockFile, () -> { });
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        CompletableFuture<UrlLocks.Lease> got = CompletableFuture.supplyAsync(() -> {
            try {
                return second.acquire(lockFile, () -> waiting.complete(null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        waiting.get(10, TimeUnit.SECONDS);
        assertThat(got).isNotDone();
        held.close();

        got.get(10, TimeUnit.SECONDS).close();
        // and the lock can be taken again by the first
        first.acquire(lockFile, () -> { }).close();
    }

    @Test
    void aWaiterOfTheSameOwnerIsToldAndThenServed() throws Exception {
        Path lockFile = tmp.resolve("k.lock");
        UrlLocks locks = new UrlLocks();
        UrlLocks.Lease held = locks.acquire(lockFile, () -> { });
        CompletableFuture<Void> waiting = new CompletableFuture<>();
        CompletableFuture<UrlLocks.Lease> got = CompletableFuture.supplyAsync(() -> {
            try {
                return locks.acquire(lockFile, () -> waiting.complete(null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        waiting.get(10, TimeUnit.SECONDS);
        held.close();

        got.get(10, TimeUnit.SECONDS).close();
    }
}
