package io.floe.standalone.cluster;

import static io.floe.standalone.cluster.TestCluster.approve;
import static io.floe.standalone.cluster.TestCluster.summary;
import static io.floe.standalone.cluster.TestCluster.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request about a run that meets it while its adopting host's offer to another host is in flight (h1 reaches h2
 * only through a proxy that holds that offer): it waits for the offer's answer, then goes to the host that took the
 * run, or is done on the adopting host when none did. A run answered as cancelled never runs on, and ends once.
 */
class OfferInFlightTest {
    private static final String FLOW = "cluster-hold";
    private static final String WAITS = "a request about it waits for the answer";

    @TempDir
    Path dir;
    private TestCluster cluster;
    private FirstOfferProxy proxy;
    private Api h1;
    private Api h2;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private void start(FirstOfferProxy.Offer offer) throws Exception {
        cluster = new TestCluster(dir, "h1", "h2");
        proxy = new FirstOfferProxy(cluster.url("h2"), offer);
        cluster.start("h1", List.of(cluster.url("h1"), proxy.url()), "master");
        cluster.start("h2", "master", "gpu");
        h1 = cluster.api("h1");
        h2 = cluster.api("h2");
        Await.until(() -> ClusterTest.online(h1, "h2") && ClusterTest.online(h2, "h1"));
    }

    @Test
    void aCancelWhileTheTakersAnswerIsHeldCancelsTheRunOnTheTaker() throws Exception {
        start(FirstOfferProxy.Offer.TAKEN);
        String run = trigger(h1, FLOW);
        proxy.awaitHeld(); // h2 runs it; h1 does not know yet
        assertThat(own(h2, run).get("Status").getAsString()).isEqualTo("running");

        CompletableFuture<Api.Answer> cancel = post(h1, "/flows/" + FLOW + "/runs/" + run + "/cancel", "");
        Await.until(() -> cancel.isDone() || waitsOnH1(run));
        proxy.release();

        Api.Answer answer = cancel.join();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Await.until(() -> ended(h2, run));
        assertThat(own(h2, run).get("Result").getAsString()).isEqualTo("cancelled");
        assertThat(ownSummary(h1, run)).as("h1 keeps no run of its own").isEmpty();
        assertThat(h1.post("/flows/" + FLOW + "/runs/" + run + "/cancel", "", TestCluster.admin()).status())
                .isEqualTo(409);
    }

    @Test
    void formDataWhileTheTakersAnswerIsHeldReachesTheTaker() throws Exception {
        start(FirstOfferProxy.Offer.TAKEN);
        String run = trigger(h1, FLOW);
        proxy.awaitHeld();

        CompletableFuture<Api.Answer> data = CompletableFuture.supplyAsync(() -> approve(h1, run));
        Await.until(() -> data.isDone() || waitsOnH1(run));
        proxy.release();

        Api.Answer answer = data.join();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Await.until(() -> ended(h2, run));
        assertThat(own(h2, run).get("Good").getAsBoolean()).isTrue();
    }

    @Test
    void aCancelSentToTheTakerBeforeTheOfferReachedItIsHonouredThere() throws Exception {
        start(FirstOfferProxy.Offer.NOT_YET_THERE);
        String run = trigger(h1, FLOW);
        proxy.awaitHeld(); // h2 has never heard of the run: it asks h1, the host the run id names

        CompletableFuture<Api.Answer> cancel = post(h2, "/flows/" + FLOW + "/runs/" + run + "/cancel", "");
        Await.until(() -> cancel.isDone() || waitsOnH1(run));
        proxy.release();

        Api.Answer answer = cancel.join();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Await.until(() -> ended(h2, run));
        assertThat(own(h2, run).get("Result").getAsString()).isEqualTo("cancelled");
        assertThat(ownSummary(h1, run)).isEmpty();
    }

    @Test
    void aCancelWhileAnOfferIsRefusedCancelsTheRunWhereItWaits() throws Exception {
        start(FirstOfferProxy.Offer.REFUSED);
        String run = trigger(h1, FLOW);
        proxy.awaitHeld();

        CompletableFuture<Api.Answer> cancel = post(h1, "/flows/" + FLOW + "/runs/" + run + "/cancel", "");
        Await.until(() -> cancel.isDone() || waitsOnH1(run));
        proxy.release();

        Api.Answer answer = cancel.join();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonObject ended = ownSummary(h1, run).orElseThrow();
        assertThat(ended.get("Ended").getAsBoolean()).isTrue();
        assertThat(ended.get("Result").getAsString()).isEqualTo("cancelled");
        assertThat(ownSummary(h2, run)).as("h2 never took it").isEmpty();
    }

    private static CompletableFuture<Api.Answer> post(Api api, String path, String body) {
        return CompletableFuture.supplyAsync(() -> api.post(path, body, TestCluster.admin()));
    }

    /** Whether h1 keeps a request about its pend {@code run} until the offer is answered (its wait reason says so). */
    private boolean waitsOnH1(String run) {
        return ownSummary(h1, run).map(s -> s.has("Reason") && s.get("Reason").getAsString().contains(WAITS))
                .orElse(false);
    }

    private static boolean ended(Api api, String run) {
        return ownSummary(api, run).map(s -> s.get("Ended").getAsBoolean()).orElse(false);
    }

    private static JsonObject own(Api api, String run) {
        return ownSummary(api, run).orElseThrow(() -> new AssertionError("no run " + run + " on " + api));
    }

    /** Run {@code run} in the host's own lists ({@code GET /p2p/flows/<id>/runs}), without the other host's. */
    private static Optional<JsonObject> ownSummary(Api api, String run) {
        Api.Answer a = api.get("/p2p/flows/" + FLOW + "/runs", TestCluster.admin());
        if (a.status() != 200) {
            throw new AssertionError("GET /p2p/flows/" + FLOW + "/runs answered " + a.status() + ": " + a.body());
        }
        return summary(a.payload().getAsJsonObject(), run);
    }
}
