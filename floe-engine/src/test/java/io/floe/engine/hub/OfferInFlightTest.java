package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.DataReceipt;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancel or form data for a pend whose offer to another host is unanswered waits for the answer: taken, the pend is
 * no longer this host's and the request is refused here (its record names the taker); not taken, it is done here.
 */
class OfferInFlightTest {
    private static final String YAML = """
            flows:
              - id: gpu
                ver: 1
                host-tags: [gpu]
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: approve, listen: trigger.good, type: data,
                     opts: {form: {title: Approve, fields: [{id: ok, prompt: "Go on?", type: text}]}}}
                  - {name: done, listen: task.approve.good, type: end}
            """;

    @TempDir
    Path dir;

    /** Offers the test answers itself, in the order they were made. */
    private final LinkedBlockingQueue<CompletableFuture<Optional<String>>> offers = new LinkedBlockingQueue<>();

    private TestHost start() throws Exception {
        return TestHost.start(YAML, dir, b -> b.tags(List.of("linux")).remote(pend -> {
            CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
            offers.add(answer);
            return answer;
        }));
    }

    private CompletableFuture<Optional<String>> nextOffer() throws InterruptedException {
        CompletableFuture<Optional<String>> f = offers.poll(30, TimeUnit.SECONDS);
        assertThat(f).as("the pend was offered to the other hosts").isNotNull();
        return f;
    }

    /** Inputs are handled in arrival order: once a later request is answered, the earlier one was handled. */
    private static void handled(TestHost h) {
        h.floe.cancel(new HostedRef("h1", 999_999), "probe").join();
    }

    @Test
    void aCancelWaitsForTheOfferAndIsRefusedHereWhenAnotherHostTookTheRun() throws Exception {
        try (TestHost h = start()) {
            HostedRef run = h.trigger("gpu");
            CompletableFuture<Optional<String>> offer = nextOffer();
            CompletableFuture<Boolean> cancel = h.floe.cancel(run, "cancelled by alice");
            handled(h);
            assertThat(cancel).isNotDone();
            assertThat(h.floe.waitReason(run)).hasValueSatisfying(r -> assertThat(r).contains("waits for the answer"));

            offer.complete(Optional.of("h2"));
            assertThat(cancel.get(30, TimeUnit.SECONDS)).isFalse();
            RunRecord r = h.stored(run).record();
            assertThat(r.status()).isEqualTo(RunStatus.DISPATCHED);
            assertThat(r.ref().execHost()).isEqualTo("h2");
            assertThat(h.events.tags(run)).doesNotContain(Tags.SYS_END_ALL);
        }
    }

    @Test
    void aCancelWaitsForTheOfferAndCancelsHereWhenNoHostTookTheRun() throws Exception {
        try (TestHost h = start()) {
            HostedRef run = h.trigger("gpu");
            CompletableFuture<Optional<String>> offer = nextOffer();
            CompletableFuture<Boolean> cancel = h.floe.cancel(run, "cancelled by alice");
            handled(h);
            assertThat(cancel).isNotDone();

            offer.complete(Optional.empty());
            assertThat(cancel.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(h.stored(run).record().status()).isEqualTo(RunStatus.ARCHIVED);
            assertThat(h.events.awaitEnd(run).good()).isFalse();
        }
    }

    @Test
    void formDataWaitsForTheOfferAndIsRefusedHereWhenAnotherHostTookTheRun() throws Exception {
        try (TestHost h = start()) {
            HostedRef run = h.trigger("gpu");
            CompletableFuture<Optional<String>> offer = nextOffer();
            CompletableFuture<DataReceipt> data = h.floe.supplyData(run, "approve", Map.of("ok", "yes"));
            handled(h);
            assertThat(data).isNotDone();

            offer.complete(Optional.of("h2"));
            assertThat(data.get(30, TimeUnit.SECONDS).accepted()).isFalse();
            assertThat(h.stored(run).record().status()).isEqualTo(RunStatus.DISPATCHED);
        }
    }
}
