package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A followed live log whose read of its newest lines fails — the host is too busy to answer in time, the network
 * drops the request — still shows its end once reads work again, without an event to prompt it: the log's last event
 * may have come already (its task ended), and no later one would. Seen in CI on a loaded machine: a 100,000-line log
 * stopped short of its end for two minutes after its task had ended.
 */
class LogReadRetryTest {
    @TempDir
    Path dir;
    private BrowserHost host;
    private Browser b;

    @BeforeEach
    void start() {
        Chromium.requireInstalled();
        Path go = dir.resolve("go");
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("id", "browser-late-end");
        flow.put("ver", 1);
        flow.put("triggers", List.of(Map.of("id", "start", "name", "start", "type", "data",
                "opts", Map.of("form", Map.of("title", "Start", "fields", List.of())))));
        flow.put("tasks", List.of(
                Map.of("id", "print", "name", "print", "type", "exec", "listen", "trigger.good",
                        "opts", Map.of("shell", "echo first line; while [ ! -e " + go + " ]; do sleep 0.1; done;"
                                + " echo last line $((6 * 7))")), // the command shown in the log has no "42"
                Map.of("id", "done", "name", "done", "type", "end", "listen", "task.print.good")));
        host = BrowserHost.start(dir.resolve("host"), List.of(flow), "127.0.0.1:0");
        b = new Browser(host.url, dir.resolve("profile"), "log-retry");
    }

    @AfterEach
    void stop() {
        try {
            assertThat(b.problems()).as("errors in the browser's console")
                    .allMatch(p -> p.contains("log read refused by the test"), "the reads the test made fail");
        } finally {
            b.close();
            host.close();
        }
    }

    @Test
    void aFollowedLogShowsItsEndOnceAFailedReadWorksAgain() throws Exception {
        b.loginAsAdmin();
        b.open("/app/flows/browser-late-end");
        b.waitFor("[data-trigger='start'] form");
        b.press("Start run");
        b.waitForPresent("[data-node-id='print']").click();
        b.waitForText(".log-viewport", "first line");
        String rid = b.path().replaceAll(".*/runs/", "");

        // from now on the page's reads of the log fail, as a request does that gets no answer in time
        b.js("window.floeRefused = 0; const real = window.fetch;"
                + "window.floeRealFetch = real;"
                + "window.fetch = (url, opts) => String(url).includes('/nodes/print/log')"
                + "  ? (window.floeRefused++, Promise.reject(new TypeError('log read refused by the test')))"
                + "  : real(url, opts);");
        Files.createFile(dir.resolve("go")); // the task prints its last line and ends
        HostApi api = new HostApi(host.url);
        HostApi.await("run " + rid + " to end", Duration.ofSeconds(60), () -> api.ended("browser-late-end", rid));
        b.until("the page to try to read the new lines", d -> ((Number) b.js("return window.floeRefused")).intValue() > 0);
        b.waitForText(".run-status", "Success"); // every event of the run has reached the page
        assertThat(b.text(".log-viewport")).doesNotContain("last line 42");

        b.js("window.fetch = window.floeRealFetch;"); // reads work again; no event comes any more
        b.waitForText(".log-viewport", "last line 42");
        b.screenshot("end-shown");
    }
}
