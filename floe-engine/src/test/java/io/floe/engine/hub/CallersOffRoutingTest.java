package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.DataReceipt;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.FaultyRunStore;
import io.floe.engine.store.local.MemoryRunStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a caller chains to a future the hub answers runs off the routing thread: a caller whose continuation blocks
 * holds up no other run.
 */
class CallersOffRoutingTest {
    @TempDir
    Path dir;

    private static final String YAML = """
            flows:
              - id: f
                ver: 1
                triggers:
                  - {name: go, type: data, opts: {form: {title: Go, fields: [{id: why, prompt: Why, type: text}]}}}
                tasks:
                  - {name: build, listen: trigger.good, type: noop}
                  - {name: approve, listen: task.build.good, type: data,
                     opts: {form: {title: Ship it, fields: [{id: ok, prompt: OK, type: text}]}}}
                  - {name: done, listen: task.approve.good, type: end}
            """;

    @Test
    void aCallerWhoseContinuationBlocksDoesNotStopOtherRunsFromRouting() throws Exception {
        CountDownLatch commitHeld = new CountDownLatch(1);
        AtomicReference<Boolean> holding = new AtomicReference<>(false);
        // a real store whose next commit waits while the test chains to the answer that commit brings, so the
        // continuation is surely chained before the hub completes the future
        FaultyRunStore store = new FaultyRunStore(new MemoryRunStore(), () -> {
            if (holding.get()) {
                awaitQuietly(commitHeld);
            }
            return false;
        }, "not used");
        CountDownLatch release = new CountDownLatch(1);
        try (TestHost h = TestHost.start(YAML, dir, store, NoopTask.types())) {
            HostedRef first = h.trigger("f", "go", Map.of("why", "first"));
            h.events.awaitTag(first, Tags.SYS_DATA_REQUIRED);

            holding.set(true);
            CompletableFuture<DataReceipt> answer = h.floe.supplyData(first, "approve", Map.of("ok", "yes"));
            AtomicReference<String> ranOn = new AtomicReference<>();
            CompletableFuture<DataReceipt> chained = answer.thenApply(r -> {
                ranOn.set(Thread.currentThread().getName());
                awaitQuietly(release); // a caller that blocks, e.g. on a slow client
                return r;
            });
            holding.set(false);
            commitHeld.countDown();
            try {
                Await.until("the caller's continuation runs", Await.DEADLINE, () -> ranOn.get() != null);
                h.events.awaitEnd(first);

                // another run goes all the way through while that caller still blocks
                HostedRef second = h.floe.trigger("f", "go", Map.of("why", "second"))
                        .get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS).pends().get(0).id();
                h.events.awaitTag(second, Tags.SYS_DATA_REQUIRED);
                assertThat(h.floe.supplyData(second, "approve", Map.of("ok", "yes"))
                        .get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS).accepted()).isTrue();
                Event end = h.events.awaitEnd(second);

                assertThat(end.good()).isTrue();
                assertThat(chained).isNotDone();
                assertThat(ranOn.get()).doesNotStartWith("floe-hub");
            } finally {
                release.countDown();
            }
            assertThat(chained.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS).accepted()).isTrue();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
