package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.config.ConfigLoader;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunStatus;
import io.floe.engine.spi.NodeTypes;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The run page lists what the run's tasks kept, each with a link that downloads the file as it was kept (an HTML
 * report is an attachment, never a page of the dashboard), and the note on what was left out over the size limit.
 */
class ArtifactsPageTest {
    @TempDir
    Path dir;

    @Test
    void theRunPageListsTheArtifactsWithDownloadLinksAndWhatWasNotKept() throws Exception {
        Chromium.requireInstalled();
        Path conf = dir.resolve("floe.yml");
        Files.writeString(conf, """
                common:
                  artifacts-max-size: 1KB
                flows:
                  - id: site
                    name: Site
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - name: build
                        listen: trigger.good
                        type: exec
                        opts:
                          shell: |
                            mkdir -p public
                            printf '<h1>report</h1><script>document.title="ran"</script>' > public/index.html
                            head -c 2048 /dev/zero > public/zz-big.bin
                          artifacts: [public]
                      - {name: end, listen: task.build.good, type: end}
                """);
        HostOptions o = new HostOptions(conf, BrowserHost.HOST, List.of("master"), BrowserHost.ADMIN, "127.0.0.1:0",
                null, null, "", null, null, dir.resolve("root"), false);
        try (Host host = Host.start(ConfigLoader.load(conf, NodeTypes.discover()), NodeTypes.discover(), o);
                Browser b = new Browser(host.server().url(), dir.resolve("profile"), "artifacts")) {
            HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(host.server().url() + "/build/api/push/data"))
                    .header("X-Floe-Auth", BrowserHost.ADMIN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Ref\":{\"ID\":\"site\"},\"Form\":{\"ID\":\"go\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
            String run = BrowserHost.HOST + "-1";
            HostedRef ref = HostedRef.parse(run).orElseThrow();
            b.until("the run to end", d -> host.floe().run(ref)
                    .filter(r -> r.record().status() == RunStatus.ARCHIVED).isPresent() ? true : null);

            b.loginAsAdmin();
            b.open("/app/flows/site/runs/" + run);
            WebElement link = b.waitForText(".artifacts .artifact-link", "public/index.html");
            assertThat(link.getAttribute("href")).endsWith("/build/api/flows/site/runs/" + run
                    + "/artifacts/build/public/index.html");
            assertThat(link.getAttribute("download")).isEqualTo("index.html");
            assertThat(b.text(".artifacts .artifact-size")).isEqualTo("52 B");
            b.waitForText(".artifacts .artifact-note", "artifacts of task build over the limit: 1 file (2.0 KB) not "
                    + "kept");
            assertThat(b.text(".artifacts .artifact-note")).contains("over its limit of 1.0 KB "
                    + "(common.artifacts-max-size)", "not kept: public/zz-big.bin (2.0 KB)");
            b.screenshot("run-artifacts");

            // what the link gives, with the page's own session: the file as kept, as an attachment
            @SuppressWarnings("unchecked")
            Map<String, Object> got = (Map<String, Object>) b.jsAsync("const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => done({status: r.status,"
                    + " type: r.headers.get('Content-Type'), disposition: r.headers.get('Content-Disposition'),"
                    + " body: await r.text()}))", link.getAttribute("href"));
            assertThat(got).containsEntry("status", 200L).containsEntry("type", "application/octet-stream");
            assertThat((String) got.get("disposition")).startsWith("attachment; filename=\"index.html\"");
            assertThat(got.get("body")).isEqualTo("<h1>report</h1><script>document.title=\"ran\"</script>");
            assertThat(b.problems()).isEmpty();
        }
    }
}
