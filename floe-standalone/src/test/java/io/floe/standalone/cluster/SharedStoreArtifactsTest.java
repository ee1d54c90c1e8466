package io.floe.standalone.cluster;

import static io.floe.standalone.cluster.TestCluster.endedGoodOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts on one PostgreSQL store: a task's artifacts stay on the disk of the host that ran it, and the other host
 * lists and serves them by asking that host; once that host is gone, the answer says which host has them.
 */
class SharedStoreArtifactsTest {
    private static final String FLOWS = """
            common:
              hosts: [%s]
              store-type: postgres
              store-url: %s
              store-user: %s
              store-password-file: %s
              host-lease: 5s
            flows:
              - id: gpu-build
                ver: 1
                host-tags: [gpu]
                triggers: [{name: start, type: data}]
                tasks:
                  - name: make
                    listen: trigger.good
                    type: exec
                    opts: {shell: "printf 'made on %%s' $(hostname) > report.txt && printf gpu > host.txt",
                           artifacts: ['*.txt']}
                  - {name: done, listen: task.make.good, type: end}
            """;

    @TempDir
    Path dir;
    private final List<Host> hosts = new ArrayList<>();

    @AfterEach
    void stop() {
        hosts.forEach(Host::close);
    }

    @Test
    void anotherHostListsAndServesTheArtifactsOfTheHostThatRanTheTask() throws Exception {
        int p1 = TestCluster.freePort();
        int p2 = TestCluster.freePort();
        Path conf = writeConfig("http://127.0.0.1:" + p1 + ", http://127.0.0.1:" + p2);
        start(conf, "h1", p1, "master");
        Host h2 = start(conf, "h2", p2, "master", "gpu");
        Api h1 = new Api("http://127.0.0.1:" + p1, "/build/api");
        Await.until(() -> ClusterTest.online(h1, "h2"), Duration.ofSeconds(60));

        Api.Answer triggered = h1.post("/push/data", "{\"Ref\":{\"ID\":\"gpu-build\"},\"Form\":{\"ID\":\"start\"}}",
                TestCluster.admin());
        assertThat(triggered.status()).as(triggered.body()).isEqualTo(200);
        String run = triggered.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
        Await.until(() -> endedGoodOn(h1, "gpu-build", run, "h2"), Duration.ofSeconds(60));

        Api.Answer list = h1.get("/flows/gpu-build/runs/" + run + "/artifacts", TestCluster.admin());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonObject payload = list.payload().getAsJsonObject();
        assertThat(payload.getAsJsonArray("Files").toString()).isEqualTo("[{\"Node\":\"make\",\"Path\":\"host.txt\","
                + "\"Size\":3},{\"Node\":\"make\",\"Path\":\"report.txt\",\"Size\":" + Files.size(kept(h2, run))
                + "}]");
        Api.Answer file = h1.get("/flows/gpu-build/runs/" + run + "/artifacts/make/report.txt", TestCluster.admin());
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(Files.readString(kept(h2, run))).startsWith("made on ");
        assertThat(file.header("Content-Disposition")).startsWith("attachment");
        // kept by h2 only: nothing of it went to h1's disk or to the database
        assertThat(dir.resolve("h1").resolve("artifacts")).doesNotExist();
        assertThat(dir.resolve("h2").resolve("artifacts")).isDirectory();

        h2.close();
        hosts.remove(h2);
        Api.Answer gone = h1.get("/flows/gpu-build/runs/" + run + "/artifacts", TestCluster.admin());
        assertThat(gone.status()).isIn(502, 503);
        assertThat(gone.message()).contains("host h2");
    }

    private static Path kept(Host host, String run) {
        return host.floe().artifacts().file("gpu-build", io.floe.engine.event.HostedRef.parse(run).orElseThrow(),
                "make", "report.txt").orElseThrow();
    }

    private Path writeConfig(String hostUrls) throws Exception {
        PostgresServer.TestDatabase db = PostgresServer.shared().newDatabase();
        Path password = dir.resolve("db-password");
        Files.writeString(password, db.password());
        Path conf = dir.resolve("shared.yml");
        Files.writeString(conf, FLOWS.formatted(hostUrls, db.url(), db.user(), password));
        return conf;
    }

    private Host start(Path conf, String name, int port, String... tags) throws Exception {
        FloeConfig cfg = ConfigLoader.load(conf, NodeTypes.discover());
        HostOptions o = new HostOptions(conf, name, List.of(tags), TestCluster.ADMIN, "127.0.0.1:" + port, null, null,
                "", null, null, dir.resolve(name), false);
        Host h = Host.start(cfg, NodeTypes.discover(), o);
        hosts.add(h);
        return h;
    }
}
