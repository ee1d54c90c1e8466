package io.floe.engine.node.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download caches (fetch tasks' and http flow-files') are folders only the host's user can enter. */
class PrivateCacheTest {
    @TempDir
    Path tmp;
    private FileServer server;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        server = new FileServer();
        server.put("/tool.sh", "echo tool\n".getBytes(StandardCharsets.UTF_8));
        server.put("/flow.yml", "name: f\ntasks: [{id: a, type: end, listen: trigger.good}]\n"
                .getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFetchTasksCacheAndItsMissingParentsAreMadePrivate() throws Exception {
        Path cache = tmp.resolve("store/fetch_cache");
        try (FetchHarness harness = new FetchHarness(cache)) {
            FetchTask fetch = new FetchTask(DownloadClient.create(Duration.ofSeconds(5)), Duration.ofSeconds(30));
            FetchHarness.Run run = harness.run(fetch, Files.createDirectories(tmp.resolve("ws")),
                    Map.of("url", server.url("/tool.sh")));
            assertThat(run.await().status()).isZero();
        }

        assertThat(mode(cache)).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("store"))).isEqualTo("rwx------");
    }

    @Test
    void anHttpFlowFilesCacheIsPrivate() throws Exception {
        Path cache = tmp.resolve("config_cache/http");

        assertThat(new HttpFlowFiles(cache).load(server.url("/flow.yml"))).startsWith("name: f");

        assertThat(mode(cache)).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("config_cache"))).isEqualTo("rwx------");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
