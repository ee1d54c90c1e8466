package io.floe.engine.node.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.FlowFiles;
import io.floe.engine.config.FlowRefKind;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.spi.NodeTypes;
import io.floe.testflows.TestFlows;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flow-files over http, through the host's download cache (floe-spec §2.10). */
class HttpFlowFilesTest {
    private static final String V1 = "id: web-flow\nname: one\n";
    private static final String V2 = "id: web-flow\nname: two\n";

    @TempDir
    Path tmp;
    private FileServer server;
    private HttpFlowFiles flowFiles;

    @BeforeEach
    void setUp() throws IOException {
        server = new FileServer();
        HttpClient client = DownloadClient.create(Duration.ofSeconds(5));
        flowFiles = new HttpFlowFiles(tmp.resolve("fetch_cache"), client, Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void loadsTheTextAndRevalidatesWithTheEtag() throws IOException {
        FileServer.Served file = server.put("/flow.yml", bytes(V1)).etag("\"1\"");

        assertThat(flowFiles.load(server.url("/flow.yml"))).isEqualTo(V1);
        assertThat(flowFiles.load(server.url("/flow.yml"))).isEqualTo(V1);

        assertThat(file.codes).containsExactly(200, 304);
        assertThat(file.lastRequest().getFirst("If-None-Match")).isEqualTo("\"1\"");
        assertThat(file.bodyBytes.get()).isEqualTo(V1.length());
    }

    @Test
    void aChangedFileOfTheSameSizeIsSeen() throws IOException {
        FileServer.Served file = server.put("/flow.yml", bytes(V1)).etag("\"1\"");
        assertThat(flowFiles.load(server.url("/flow.yml"))).isEqualTo(V1);
        file.body = bytes(V2);
        file.etag = "\"2\"";

        assertThat(flowFiles.load(server.url("/flow.yml"))).isEqualTo(V2);
    }

    @Test
    void withoutValidatorsEveryLoadDownloadsAgain() throws IOException {
        FileServer.Served file = server.put("/flow.yml", bytes(V1));
        assertThat(flowFiles.load(server.url("/flow.yml"))).isEqualTo(V1);
        file.body = bytes(V2);

        assertThat(flowFiles.load(server.url("/flow.yml"))).isEqualTo(V2);
        assertThat(file.codes).containsExactly(200, 200);
    }

    @Test
    void lastModifiedRevalidates() throws IOException {
        FileServer.Served file = server.put("/flow.yml", bytes(V1)).lastModified("Wed, 21 Oct 2015 07:28:00 GMT");

        flowFiles.load(server.url("/flow.yml"));
        assertThat(flowFiles.load(server.url("/flow.yml"))).isEqualTo(V1);

        assertThat(file.codes).containsExactly(200, 304);
    }

    @Test
    void aMissingFileIsAnErrorNamingTheUrlAndTheCause() {
        String url = server.url("/nope.yml");
        assertThatThrownBy(() -> flowFiles.load(url)).isInstanceOf(IOException.class)
                .hasMessageContaining(url).hasMessageContaining("server returned a non-2XX status code");
    }

    @Test
    void anUnreachableServerIsAnErrorNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/flow.yml";
        assertThatThrownBy(() -> flowFiles.load(url)).isInstanceOf(IOException.class)
                .hasMessageContaining(url).hasMessageContaining("could not connect");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        server.put("/slow.yml", bytes(V1)).mode(FileServer.Mode.NEVER_ANSWER);
        assertThatThrownBy(() -> flowFiles.load(server.url("/slow.yml"))).isInstanceOf(IOException.class)
                .hasMessageContaining("no response").hasMessageContaining("within 2s");
    }

    @Test
    void aConfiguredFlowTakesItsTasksFromAnHttpFlowFile() throws Exception {
        FileServer.Served file = server.put("/fetch-flowfile.yml", bytes(TestFlows.text("fetch-flowfile.yml")))
                .etag("\"f\"");
        String config = "flows:\n"
                + "  - id: web-flow\n"
                + "    ver: 1\n"
                + "    flow-file: " + server.url("/fetch-flowfile.yml") + "\n"
                + "    triggers:\n"
                + "      - name: start\n"
                + "        type: data\n";
        NodeTypes types = NodeTypes.discover();
        FlowConfig configured = ConfigLoader.parse(config, "web.yml", null, types).flows().get(0);
        FlowFiles files = new FlowFiles(types, Map.of(FlowRefKind.WEB, flowFiles));

        FlowConfig loaded = files.load(configured);
        files.load(configured);

        assertThat(loaded.name()).isEqualTo("flow from the web");
        assertThat(loaded.tasks()).extracting(NodeConfig::type).containsExactly("fetch", "end");
        assertThat(file.codes).as("the second trigger revalidates").containsExactly(200, 304);
    }

    @Test
    void aFlowFileUrlThatFailsIsAConfigProblemNamingIt() throws Exception {
        String url = server.url("/gone.yml");
        String config = "flows:\n  - id: f\n    ver: 1\n    flow-file: " + url + "\n"
                + "    triggers:\n      - name: start\n        type: data\n";
        FlowConfig configured = ConfigLoader.parse(config, "web.yml", null, null).flows().get(0);
        FlowFiles files = new FlowFiles(null, Map.of(FlowRefKind.WEB, flowFiles));

        assertThatThrownBy(() -> files.load(configured)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(url).hasMessageContaining("non-2XX");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
