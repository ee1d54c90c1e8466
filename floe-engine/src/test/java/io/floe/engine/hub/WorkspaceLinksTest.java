package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.floe.engine.event.HostedRef;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task can make symbolic links in its workspace, and a repository can hold them: a later node's {@code sub-dir} or
 * download {@code location} that leads through one to a place outside the workspace is refused, and nothing is
 * written there. Links that stay inside keep working.
 */
class WorkspaceLinksTest {
    @TempDir
    Path dir;
    private Path outside;
    private HttpServer server;

    @BeforeEach
    void setUp() throws Exception {
        outside = Files.createDirectories(dir.resolve("outside"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tool.sh", x -> {
            byte[] body = "echo tool\n".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tool.sh";
    }

    /** A flow whose first task links {@code out} to {@code target}, then {@code use} runs with {@code useOpts}. */
    private String flow(String target, String useType, String useOpts) {
        return """
                flows:
                  - id: links
                    ver: 1
                    triggers: [{name: start, type: data}]
                    tasks:
                      - {name: link, listen: trigger.good, type: exec, opts: {shell: "mkdir -p in && ln -s %s out"}}
                      - {name: use, listen: task.link.good, type: %s, opts: %s}
                      - {name: done, listen: task.use.good, type: end}
                """.formatted(target, useType, useOpts);
    }

    private String runAndLogOfUse(String yaml, boolean good) throws Exception {
        try (TestHost host = TestHost.start(yaml, dir.resolve("host"))) {
            HostedRef run = host.trigger("links");
            assertThat(host.events.awaitEnd(run).good()).isEqualTo(good);
            return String.join("\n", host.floe.log(run, "use", 0, 100));
        }
    }

    @Test
    void anExecSubDirThroughALinkToAFolderOutsideIsRefused() throws Exception {
        String log = runAndLogOfUse(flow(outside.toString(), "exec", "{sub-dir: out, shell: \"touch pwned\"}"),
                false);

        assertThat(log).contains("sub-dir 'out' leads through a symbolic link to " + outside.toRealPath()
                + ", outside the workspace");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aSubDirThatIsALinkToEtcIsRefused() throws Exception {
        // the task itself only prints where it is: this test must not write to /etc if the check is ever lost
        String log = runAndLogOfUse(flow("/etc", "exec", "{sub-dir: out, shell: pwd}"), false);

        assertThat(log).contains("sub-dir 'out' leads through a symbolic link to /etc, outside the workspace")
                .doesNotContain("\n/etc");
    }

    @Test
    void aDownloadLocationThroughALinkOutsideIsRefused() throws Exception {
        String log = runAndLogOfUse(flow(outside.toString(), "fetch", "{url: \"" + url() + "\", location: out/}"),
                false);

        assertThat(log).containsPattern("location 'out/[a-z.]+' leads through a symbolic link to "
                + java.util.regex.Pattern.quote(outside.toRealPath() + "/"));
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aLinkToAMissingFileOutsideIsFollowedToWhereItPoints() throws Exception {
        Path missing = outside.resolve("made-by-fetch");
        String log = runAndLogOfUse(flow(missing.toString(), "fetch", "{url: \"" + url() + "\", location: out}"),
                false);

        assertThat(log).contains("location 'out' leads through a symbolic link to " + outside.toRealPath()
                .resolve("made-by-fetch"));
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aLinkThatStaysInsideTheWorkspaceWorks() throws Exception {
        runAndLogOfUse(flow("in", "exec", "{sub-dir: out, shell: \"touch made-here\"}"), true);

        try (Stream<Path> all = Files.walk(dir.resolve("host/spaces"))) {
            assertThat(all.filter(p -> p.endsWith("in/made-here"))).hasSize(1);
        }
    }
}
