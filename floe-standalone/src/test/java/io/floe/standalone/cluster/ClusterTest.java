package io.floe.standalone.cluster;

import static io.floe.standalone.cluster.TestCluster.approve;
import static io.floe.standalone.cluster.TestCluster.endedGoodOn;
import static io.floe.standalone.cluster.TestCluster.ids;
import static io.floe.standalone.cluster.TestCluster.runs;
import static io.floe.standalone.cluster.TestCluster.status;
import static io.floe.standalone.cluster.TestCluster.summary;
import static io.floe.standalone.cluster.TestCluster.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real hosts on loopback that list each other (and themselves): dispatch, run lists, data, host outages. */
class ClusterTest {
    @TempDir
    Path dir;
    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** h1 [master] and h2 [master, gpu], each listing both; returns once each sees the other online. */
    private Api[] startBoth() throws InterruptedException {
        cluster = new TestCluster(dir, "h1", "h2");
        cluster.start("h1", "master");
        cluster.start("h2", "master", "gpu");
        Api h1 = cluster.api("h1");
        Api h2 = cluster.api("h2");
        Await.until(() -> online(h1, "h2") && online(h2, "h1"));
        return new Api[] {h1, h2};
    }

    @Test
    void cancelAndLogsOfARunOnAnotherHostWorkThroughEitherHost() throws Exception {
        Api[] api = startBoth();
        Api h1 = api[0];
        String done = trigger(h1, "cluster-on-h2");
        Await.until(() -> endedGoodOn(h1, "cluster-on-h2", done, "h2"));
        Api.Answer log = h1.get("/flows/cluster-on-h2/runs/" + done + "/nodes/work/log", TestCluster.admin());
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body()).contains("working on the gpu host");

        String held = trigger(h1, "cluster-hold");
        Await.until(() -> "running".equals(status(h1, "cluster-hold", held)));
        Api.Answer cancel = h1.post("/flows/cluster-hold/runs/" + held + "/cancel", "", TestCluster.admin());
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        Await.until(() -> "bad".equals(status(h1, "cluster-hold", held)));
        assertThat(h1.post("/flows/cluster-hold/runs/" + held + "/cancel", "", TestCluster.admin()).status())
                .isEqualTo(409);
    }

    @Test
    void aRunTriggeredOnOneHostRunsOnTheHostWithItsTagsAndIsShownOnBoth() throws Exception {
        Api[] api = startBoth();
        Api h1 = api[0];
        Api h2 = api[1];

        String run = trigger(h1, "cluster-on-h2");
        assertThat(run).isEqualTo("h1-1");
        Await.until(() -> endedGoodOn(h1, "cluster-on-h2", run, "h2"));

        // listed once, by the host that ran it, on either host's API
        for (Api a : api) {
            JsonObject runs = runs(a, "cluster-on-h2");
            assertThat(ids(runs, "Archive")).containsExactly("h1-1");
            assertThat(ids(runs, "Active")).isEmpty();
            assertThat(ids(runs, "Pending")).isEmpty();
        }
        Api.Answer detail = h1.get("/flows/cluster-on-h2/runs/h1-1", TestCluster.admin());
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        JsonObject view = detail.payload().getAsJsonObject();
        assertThat(view.getAsJsonObject("Summary").get("ExecHost").getAsString()).isEqualTo("h2");
        assertThat(view.toString()).contains("working on the gpu host");
        assertThat(h2.get("/flows/cluster-on-h2/runs/h1-1", TestCluster.admin()).status()).isEqualTo(200);

        // each host knows the other, and itself, with their tags
        JsonObject all = h1.get("/p2p/config", TestCluster.admin()).payload().getAsJsonObject()
                .getAsJsonObject("AllHosts");
        assertThat(all.keySet()).containsExactlyInAnyOrder("h1", "h2");
        assertThat(all.getAsJsonObject("h2").get("Online").getAsBoolean()).isTrue();
        assertThat(all.getAsJsonObject("h2").get("Tags").toString()).contains("gpu");
        assertThat(all.getAsJsonObject("h2").get("BaseURL").getAsString())
                .isEqualTo(cluster.url("h2") + "/build/api/p2p");
    }

    @Test
    void aDashboardOnEitherHostSeesTheLiveEventsOfARunOnTheOtherOnce() throws Exception {
        Api[] api = startBoth();
        try (Dashboard on1 = new Dashboard(cluster.url("h1")); Dashboard on2 = new Dashboard(cluster.url("h2"))) {
            awaitFollowing(api, on1, on2);

            String run = trigger(api[0], "cluster-on-h2");
            Await.until(() -> on1.count(run, "sys.end.all") == 1 && on2.count(run, "sys.end.all") == 1);
            for (Dashboard d : List.of(on1, on2)) {
                assertThat(d.count(run, "task.work.good")).isEqualTo(1);
                assertThat(d.count(run, "sys.node.start")).isEqualTo(1);
            }
            // the adopting host's own part (the pend, before h2 took it) is seen on h2's dashboard too
            Await.until(() -> on2.count(run, "sys.state") >= 1);
        }
    }

    /**
     * The hosts follow each other's events from a moment after each has seen the other online: until a run on each
     * host shows on the other's dashboard, start another pair of probe runs now and then.
     */
    private static void awaitFollowing(Api[] api, Dashboard on1, Dashboard on2) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            String p1 = trigger(api[0], "cluster-anywhere");
            String p2 = trigger(api[1], "cluster-anywhere");
            try {
                Await.until(() -> on2.count(p1, "sys.end.all") == 1 && on1.count(p2, "sys.end.all") == 1,
                        Duration.ofSeconds(1));
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    @Test
    void aRunWaitsWhileTheOnlyFittingHostIsBusyAndStartsThereWhenItIsFree() throws Exception {
        Api[] api = startBoth();
        Api h1 = api[0];
        Api h2 = api[1];
        String first = trigger(h1, "cluster-hold");
        Await.until(() -> status(h1, "cluster-hold", first).equals("running"));
        JsonObject firstRun = summary(runs(h1, "cluster-hold"), first).orElseThrow();
        assertThat(firstRun.get("ExecHost").getAsString()).isEqualTo("h2");

        // h2 holds the resource db: it answers 409 to the second run, which waits on h1
        String second = trigger(h1, "cluster-hold");
        // its reason is known once h2 answered the offer, which goes on after the trigger was answered
        Await.until(() -> summary(runs(h1, "cluster-hold"), second).orElseThrow().get("Reason").getAsString()
                .contains("waits"));
        JsonObject waiting = summary(runs(h1, "cluster-hold"), second).orElseThrow();
        assertThat(waiting.get("Status").getAsString()).isEqualTo("pending");

        // free h2 by finishing the first run there; the second goes to h2 then
        assertThat(approve(h2, first).status()).isEqualTo(200);
        Await.until(() -> status(h1, "cluster-hold", second).equals("running"));
        JsonObject runs = runs(h1, "cluster-hold");
        JsonObject ended = summary(runs, first).orElseThrow();
        JsonObject started = summary(runs, second).orElseThrow();
        assertThat(ended.get("Good").getAsBoolean()).isTrue();
        assertThat(started.get("ExecHost").getAsString()).isEqualTo("h2");
        assertThat(Instant.parse(started.get("StartTime").getAsString()))
                .isAfterOrEqualTo(Instant.parse(ended.get("EndTime").getAsString()));
        assertThat(approve(h2, second).status()).isEqualTo(200);
        Await.until(() -> endedGoodOn(h1, "cluster-hold", second, "h2"));
    }

    @Test
    void dataPostedToAnyHostReachesTheHostThatRunsTheRun() throws Exception {
        Api[] api = startBoth();
        Api h1 = api[0];
        Api h2 = api[1];
        // adopted by h1, dispatched to h2: h1 knows where it went
        String dispatched = trigger(h1, "cluster-hold");
        Await.until(() -> status(h1, "cluster-hold", dispatched).equals("running"));
        Api.Answer a = approve(h1, dispatched);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.payload().getAsJsonObject().get("Complete").getAsBoolean()).isTrue();
        Await.until(() -> endedGoodOn(h2, "cluster-hold", dispatched, "h2"));

        // adopted and run by h2: h1 has never seen it and asks the host the run id names
        String local = trigger(h2, "cluster-hold");
        assertThat(local).isEqualTo("h2-1");
        Await.until(() -> status(h1, "cluster-hold", local).equals("running"));
        assertThat(approve(h1, local).status()).isEqualTo(200);
        Await.until(() -> endedGoodOn(h1, "cluster-hold", local, "h2"));

        // a refusal on the running host comes back as a refusal, with its reason
        Api.Answer late = approve(h1, dispatched);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.message()).contains("h2");
    }

    @Test
    void aHostThatIsDownIsSkippedAndGetsTheRunWhenItIsBack() throws Exception {
        Api[] api = startBoth();
        Api h1 = api[0];
        cluster.stop("h2");

        String run = trigger(h1, "cluster-on-h2");
        Await.until(() -> !online(h1, "h2"));
        JsonObject waiting = summary(runs(h1, "cluster-on-h2"), run).orElseThrow();
        assertThat(waiting.get("Status").getAsString()).isEqualTo("pending");

        cluster.start("h2", "master", "gpu"); // same address, same root
        Await.until(() -> endedGoodOn(h1, "cluster-on-h2", run, "h2"));
        assertThat(ids(runs(api[1], "cluster-on-h2"), "Archive")).containsExactly(run);
    }

    @Test
    void aRequestThatComesBackToAHostItPassedIsRefusedInsteadOfGoingRound() throws Exception {
        Api[] api = startBoth();
        Api h1 = api[0];
        String run = trigger(h1, "cluster-on-h2");
        Await.until(() -> endedGoodOn(h1, "cluster-on-h2", run, "h2"));
        // h2 comes back without its store: h1 says the run is on h2, h2 asks h1, the host the run id names
        cluster.stop("h2");
        deleteTree(cluster.root("h2"));
        cluster.start("h2", "master", "gpu");
        Await.until(() -> online(h1, "h2") && online(api[1], "h1"));

        for (Api asked : List.of(h1, api[1])) {
            Api.Answer log = asked.get("/flows/cluster-on-h2/runs/" + run + "/nodes/work/log", TestCluster.admin());
            assertThat(log.status()).as(log.body()).isEqualTo(409);
            assertThat(log.message()).contains("came back to host"); // to the host that was asked first
        }
        Api.Answer cancel = h1.post("/flows/cluster-on-h2/runs/" + run + "/cancel", "", TestCluster.admin());
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(409);
        assertThat(cancel.message()).contains("came back to host h1 (it went h1 → h2)");
        Api.Answer data = approve(h1, run);
        assertThat(data.status()).as(data.body()).isEqualTo(409);
        assertThat(data.message()).contains("came back to host h1");
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    /** Whether {@code api}'s host sees host {@code id} online ({@code GET /p2p/config}). */
    static boolean online(Api api, String id) {
        JsonObject host = api.get("/p2p/config", TestCluster.admin()).payload().getAsJsonObject()
                .getAsJsonObject("AllHosts").getAsJsonObject(id);
        return host != null && host.get("Online").getAsBoolean();
    }

    @Test
    void runsOfAllHostsAreListedNewestFirstAndPagedAcrossHosts() throws Exception {
        Api[] api = startBoth();
        Api h1 = api[0];
        Api h2 = api[1];
        // cluster-anywhere runs where it is adopted
        String a = trigger(h1, "cluster-anywhere");
        Await.until(() -> endedGoodOn(h1, "cluster-anywhere", a, "h1"));
        String b = trigger(h2, "cluster-anywhere");
        Await.until(() -> endedGoodOn(h2, "cluster-anywhere", b, "h2"));
        String c = trigger(h1, "cluster-anywhere");
        Await.until(() -> endedGoodOn(h1, "cluster-anywhere", c, "h1"));

        for (Api host : List.of(h1, h2)) {
            assertThat(ids(runs(host, "cluster-anywhere"), "Archive")).containsExactly(c, b, a);
            JsonObject page1 = runs(host, "cluster-anywhere", "?limit=2");
            assertThat(ids(page1, "Archive")).containsExactly(c, b);
            String next = page1.get("ArchiveNext").getAsString();
            JsonObject page2 = runs(host, "cluster-anywhere", "?limit=2&before=" + next);
            assertThat(ids(page2, "Archive")).containsExactly(a);
            assertThat(page2.get("ArchiveNext").isJsonNull()).isTrue();
            // a filter reaches the other host's listing too
            String since = runs(host, "cluster-anywhere").getAsJsonArray("Archive").get(0).getAsJsonObject()
                    .get("Adopted").getAsString();
            assertThat(ids(runs(host, "cluster-anywhere", "?since=" + java.net.URLEncoder.encode(since,
                    java.nio.charset.StandardCharsets.UTF_8)), "Archive")).containsExactly(c);
            assertThat(ids(runs(host, "cluster-anywhere", "?by=admin&result=good"), "Archive")).containsExactly(c,
                    b, a);
        }
    }
}
