package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live updates survive a network drop: the dashboard reconnects by itself and catches up on what happened while it
 * was away, without a reload.
 */
class LiveReconnectTest {
    @TempDir
    Path dir;
    private BrowserHost host;
    private TcpProxy proxy;
    private Browser b;

    @BeforeEach
    void start() throws Exception {
        Chromium.requireInstalled();
        host = BrowserHost.start(dir.resolve("host"));
        proxy = new TcpProxy(host.host.server().bound().get(0).port());
        b = new Browser(proxy.url(), dir.resolve("profile"), "reconnect");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertThat(b.problems()).as("errors in the browser's console")
                    .allMatch(p -> p.contains("net::ERR_")
                            || p.contains("WebSocket connection to") && p.contains("Connection closed before receiving"),
                            "a failure of the network that was cut");
        } finally {
            b.close();
            proxy.close();
            host.close();
        }
    }

    @Test
    void catchesUpOnWhatHappenedWhileTheConnectionWasDown() {
        b.loginAsAdmin();
        b.open("/app/flows/build-and-test");
        // the stream is open before the run starts, so the page gets its events and has a cursor to resume from (a
        // page without one reads everything again on reconnecting, and has no missed events to replay)
        b.waitForText("#live", "Live");
        b.press("Start run");
        b.waitFor(".needs-input [data-node='sign-off'] form");
        b.until("the page to have an event of the run", d -> !"".equals(b.js(
                "return document.getElementById('live').dataset.lastEvent || ''")));
        String rid = b.path().replaceAll(".*/runs/", "");
        b.js("window.floeStates = [];"
                + "new MutationObserver(ms => ms.forEach(m => {"
                + "  const t = m.target; if (!t.classList || !t.classList.contains('rg-node')) return;"
                + "  window.floeStates.push(t.dataset.nodeId + ':' + [...t.classList].find(c => c.startsWith('rg-state-')).slice(9));"
                + "})).observe(document.getElementById('main'), {subtree: true, attributes: true, attributeFilter: ['class']});");
        b.waitForText("#live", "Live");

        proxy.cut();
        b.waitForText("#live", "Reconnecting");
        b.screenshot("connection-down");
        // meanwhile someone signs the build off, and it deploys and ends
        HostApi api = new HostApi(host.url);
        api.post("/push/data", "{\"Run\":\"" + rid + "\",\"Form\":{\"ID\":\"sign-off\",\"Values\":{\"approved\":\"yes\"}}}");
        HostApi.await("run " + rid + " to end", Duration.ofSeconds(30), () -> api.ended("build-and-test", rid));
        assertThat(b.text(".run-status")).isEqualTo("Running"); // the page can not know yet

        proxy.resume();
        b.waitForText("#live", "Live");
        b.waitForText(".run-status", "Success");
        b.waitForPresent(DashboardTest.node("deploy", "success"));
        b.waitForPresent(DashboardTest.node("done", "success"));
        @SuppressWarnings("unchecked")
        List<String> states = (List<String>) b.js("return window.floeStates || null");
        assertThat(states).as("the page was not reloaded").isNotNull();
        // the missed events themselves were replayed: deploy was seen running, then done
        assertThat(states).containsSubsequence("deploy:running", "deploy:success");
        assertThat(b.findAll(".needs-input form")).isEmpty();
        b.screenshot("caught-up");

        // a page asked for while the host can not be reached says so on the banner, until the host is back
        proxy.cut();
        b.waitForText("#live", "Reconnecting");
        b.click(".crumbs a[href='/app/flows/build-and-test']");
        b.waitForText("#banner", "Connectivity problem");
        b.screenshot("banner");
        proxy.resume();
        b.waitForText("#live", "Live");
        b.until("the banner to go", d -> !b.find("#banner").isDisplayed());
        b.waitFor("[data-trigger='start'] form"); // and the page has read itself again
        b.waitForText(".runs-archive tr[data-run='" + rid + "']", "Success");
    }
}
