package io.floe.standalone.cluster;

import static io.floe.standalone.cluster.TestCluster.approve;
import static io.floe.standalone.cluster.TestCluster.runs;
import static io.floe.standalone.cluster.TestCluster.status;
import static io.floe.standalone.cluster.TestCluster.summary;
import static io.floe.standalone.cluster.TestCluster.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.spi.NodeTypes;
import io.floe.standalone.api.Api;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import io.floe.store.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts that share a PostgreSQL store and list each other: runs are claimed through the database, while form
 * data and cancels for a run go over HTTP to the host running it, from whichever host a person uses; a pend is
 * cancelled in the database by any host.
 */
class SharedStoreRelayTest {
    @TempDir
    Path dir;

    private final List<Host> hosts = new ArrayList<>();

    @AfterEach
    void stop() {
        hosts.forEach(Host::close);
    }

    @Test
    void formsAndCancelsReachTheHostRunningTheRunAndPendsAreCancelledAnywhere() throws Exception {
        int p1 = TestCluster.freePort();
        int p2 = TestCluster.freePort();
        Path conf = writeConfig(List.of("http://127.0.0.1:" + p1, "http://127.0.0.1:" + p2));
        start(conf, "h1", p1, "master");
        start(conf, "h2", p2, "master", "gpu");
        Api h1 = new Api("http://127.0.0.1:" + p1, "/build/api");
        Await.until(() -> ClusterTest.online(h1, "h2"), java.time.Duration.ofSeconds(60));

        // runs on h2 (the gpu host), holding the resource db until its form is answered
        String held = trigger(h1, "cluster-hold");
        Await.until(() -> "running".equals(status(h1, "cluster-hold", held)));
        assertThat(summary(runs(h1, "cluster-hold"), held).orElseThrow().get("ExecHost").getAsString())
                .isEqualTo("h2");

        // a second run waits for db in the database; h1 cancels it there
        String waiting = trigger(h1, "cluster-hold");
        Await.until(() -> "pending".equals(status(h1, "cluster-hold", waiting)));
        Api.Answer cancelPend = h1.post("/flows/cluster-hold/runs/" + waiting + "/cancel", "", TestCluster.admin());
        assertThat(cancelPend.status()).as(cancelPend.body()).isEqualTo(200);
        Await.until(() -> "bad".equals(status(h1, "cluster-hold", waiting)));
        assertThat(summary(runs(h1, "cluster-hold"), waiting).orElseThrow().get("Reason").getAsString())
                .startsWith("cancelled before it started");

        // the form of the run on h2, answered through h1
        Api.Answer answered = approve(h1, held);
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        Await.until(() -> "good".equals(status(h1, "cluster-hold", held)));

        // a run on h2 cancelled through h1
        String third = trigger(h1, "cluster-hold");
        Await.until(() -> "running".equals(status(h1, "cluster-hold", third)));
        Api.Answer cancel = h1.post("/flows/cluster-hold/runs/" + third + "/cancel", "", TestCluster.admin());
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        Await.until(() -> "bad".equals(status(h1, "cluster-hold", third)));
        assertThat(summary(runs(h1, "cluster-hold"), third).orElseThrow().get("ExecHost").getAsString())
                .isEqualTo("h2");
    }

    private Path writeConfig(List<String> hostUrls) throws Exception {
        PostgresServer.TestDatabase db = PostgresServer.shared().newDatabase();
        Path password = dir.resolve("db-password");
        Files.writeString(password, db.password());
        String shared = String.join("\n",
                "  store-type: postgres",
                "  store-url: " + db.url(),
                "  store-user: " + db.user(),
                "  store-password-file: " + password,
                "  host-lease: 5s");
        Path conf = dir.resolve("shared.yml");
        Files.writeString(conf, TestCluster.yaml(hostUrls).replace("  store-type: local", shared));
        return conf;
    }

    private void start(Path conf, String name, int port, String... tags) throws Exception {
        FloeConfig cfg = ConfigLoader.load(conf, NodeTypes.discover());
        HostOptions o = new HostOptions(conf, name, List.of(tags), TestCluster.ADMIN, "127.0.0.1:" + port, null, null,
                "", null, null, dir.resolve(name), false);
        hosts.add(Host.start(cfg, NodeTypes.discover(), o));
    }
}
