package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.config.ConfigLoader;
import io.floe.engine.spi.NodeTypes;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** While the host's run store cannot write, the dashboard says so on its banner, and the banner goes once it writes. */
class StoreBannerTest {
    @TempDir
    Path dir;

    @Test
    void aBannerSaysTheHostCannotSaveRunsUntilItsStoreWritesAgain() throws Exception {
        Chromium.requireInstalled();
        Path conf = dir.resolve("floe.yml");
        Files.writeString(conf, """
                common:
                  store-type: switched-full
                flows:
                  - id: quick
                    name: Quick
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: mark, listen: trigger.good, type: exec, opts: {shell: "echo ran"}}
                      - {name: end, listen: task.mark.good, type: end}
                """);
        HostOptions o = new HostOptions(conf, BrowserHost.HOST, List.of("master"), BrowserHost.ADMIN, "127.0.0.1:0",
                null, null, "", null, null, dir.resolve("root"), false);
        try (Host host = Host.start(ConfigLoader.load(conf, NodeTypes.discover()), NodeTypes.discover(), o);
                Browser b = new Browser(host.server().url(), dir.resolve("profile"), "store-banner")) {
            Path diskFull = host.floe().storeRoot().resolve("disk-full");
            Files.createFile(diskFull);
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(host.server().url() + "/build/api/push/data"))
                    .header("X-Floe-Auth", BrowserHost.ADMIN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Ref\":{\"ID\":\"quick\"},\"Form\":{\"ID\":\"go\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);

            b.loginAsAdmin();
            b.waitForText("#banner-text", "This host cannot save runs: the run store cannot write: ");
            assertThat(b.text("#banner-text")).contains("SQLITE_FULL", "triggers are refused");
            b.screenshot("banner");

            Files.delete(diskFull);
            b.until("the banner to go", d -> d.findElement(By.id("banner")).isDisplayed() ? null : true);
        }
    }
}
