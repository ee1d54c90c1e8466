package io.floe.standalone.cluster;

import static io.floe.standalone.cluster.TestCluster.endedGoodOn;
import static io.floe.standalone.cluster.TestCluster.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** h1 in this JVM, h2 a separate floe process started from the command line: a run dispatched to h2 completes. */
class TwoProcessTest {
    @TempDir
    Path dir;

    @Test
    void aRunDispatchedToAHostInAnotherProcessCompletes() throws Exception {
        try (TestCluster cluster = new TestCluster(dir, "h1", "h2")) {
            cluster.start("h1", "master");
            Path conf = cluster.writeConf("h2", cluster.urls());
            Path out = dir.resolve("h2.out");
            Process h2 = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-D" + ClusterSettings.PING_PERIOD_PROPERTY + "=200ms",
                    "io.floe.standalone.Main", "-host_name=h2", "-tags=master,gpu", "-admin=" + TestCluster.ADMIN,
                    "-pub_bind=127.0.0.1:" + cluster.port("h2"), "-conf=" + conf, "-root=" + cluster.root("h2"))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                Api h1 = cluster.api("h1");
                Await.until(() -> {
                    if (!h2.isAlive()) {
                        throw new AssertionError("h2 exited with " + h2.exitValue() + ": " + read(out));
                    }
                    return ClusterTest.online(h1, "h2");
                }, Duration.ofSeconds(60));

                String run = trigger(h1, "cluster-on-h2");
                Await.until(() -> endedGoodOn(h1, "cluster-on-h2", run, "h2"));
                assertThat(TestCluster.ids(TestCluster.runs(cluster.api("h2"), "cluster-on-h2"), "Archive"))
                        .isEqualTo(List.of(run));
            } finally {
                h2.destroy();
                if (!h2.waitFor(20, TimeUnit.SECONDS)) {
                    h2.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
