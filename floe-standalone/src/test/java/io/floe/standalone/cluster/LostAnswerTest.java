package io.floe.standalone.cluster;

import static io.floe.standalone.cluster.TestCluster.endedGoodOn;
import static io.floe.standalone.cluster.TestCluster.ids;
import static io.floe.standalone.cluster.TestCluster.runs;
import static io.floe.standalone.cluster.TestCluster.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pend whose acceptance is lost on the way back is offered again, and runs once. */
class LostAnswerTest {
    @TempDir
    Path dir;

    @Test
    void anOfferWhoseAnswerIsLostIsRepeatedAndTheRunStartsOnce() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, "h1", "h2");
                FirstOfferProxy proxy = new FirstOfferProxy(cluster.url("h2"), FirstOfferProxy.Offer.ANSWER_LOST)) {
            // h1 reaches h2 only through the proxy
            cluster.start("h1", List.of(cluster.url("h1"), proxy.url()), "master");
            cluster.start("h2", "master", "gpu");
            Api h1 = cluster.api("h1");
            Api h2 = cluster.api("h2");
            Await.until(() -> ClusterTest.online(h1, "h2"));

            String run = trigger(h1, "cluster-on-h2");
            Await.until(() -> endedGoodOn(h1, "cluster-on-h2", run, "h2"));

            // h1 lists h2's runs, so it may show the run ended before its own repeated offer got its answer: the
            // promise is that the offer is made again and h1 then holds no pend of it, not the order of the two
            Await.until(() -> proxy.offers() >= 2);
            Await.until(() -> !ids(runs(h1, "cluster-on-h2"), "Pending").contains(run));
            assertThat(ids(runs(h2, "cluster-on-h2"), "Archive")).containsExactly(run);
            assertThat(ids(runs(h1, "cluster-on-h2"), "Archive")).containsExactly(run);
            JsonObject view = h2.get("/flows/cluster-on-h2/runs/" + run, TestCluster.admin()).payload()
                    .getAsJsonObject();
            // the task ran once: its output line is there once, and its workspace was prepared once
            List<String> logs = new java.util.ArrayList<>();
            node(view, "work").getAsJsonArray("Logs").forEach(l -> logs.add(l.getAsString()));
            assertThat(logs).containsOnlyOnce("working on the gpu host");
            assertThat(logs.stream().filter(l -> l.startsWith("in dir:"))).hasSize(1);
        }
    }

    /** Node {@code id} of a run view's graph. */
    static JsonObject node(JsonObject view, String id) {
        for (var level : view.getAsJsonArray("Graph")) {
            for (var n : level.getAsJsonArray()) {
                if (n.getAsJsonObject().get("ID").getAsString().equals(id)) {
                    return n.getAsJsonObject();
                }
            }
        }
        throw new AssertionError("no node " + id + " in " + view);
    }
}
