package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

/**
 * "Re-run from failed" and a failed step's "Re-run from here" on the run page: the new run takes over the steps that
 * went well (each task appends its name to a ledger file, so a step done again shows) and does the failed one again.
 */
class RerunFromPageTest {
    private static final Pattern RUN_PAGE = Pattern.compile("^/app/flows/[^/]+/runs/([^/]+)$");

    @RegisterExtension
    static final SharedHost host = SharedHost.of(dir -> List.of(flow(dir)));
    @RegisterExtension
    final Browsers browsers = new Browsers(host);
    private static HostApi api;
    private Browser b;

    @BeforeAll
    static void api() {
        api = host.api();
    }

    /** build writes a file in the workspace; check needs that file and the file {@code fixed}, which a test adds. */
    private static Map<String, Object> flow(Path dir) {
        String ledger = dir.resolve("ledger").toString();
        return map("id", "browser-rerun-from", "ver", 1, "name", "Re-run from failed",
                "triggers", List.of(map("id", "start", "name", "start", "type", "data", "opts",
                        map("form", map("title", "Start", "fields", List.of())))),
                "tasks", List.of(
                        map("id", "build", "name", "build", "type", "exec", "listen", "trigger.good",
                                "opts", map("shell", "echo build >> " + ledger + "; echo built > out.txt")),
                        map("id", "check", "name", "check", "type", "exec", "listen", "task.build.good",
                                "opts", map("shell", "echo check >> " + ledger + "; test -f out.txt && test -f "
                                        + dir.resolve("fixed"))),
                        map("id", "done", "name", "done", "type", "end", "listen", "task.check.good")));
    }

    private String failedRun() {
        JsonObject r = api.post("/push/data", "{\"Ref\":{\"ID\":\"browser-rerun-from\"},\"Form\":{\"ID\":\"start\","
                + "\"Values\":{}}}");
        String rid = r.getAsJsonArray("Runs").get(0).getAsString();
        HostApi.await("the run to end", Duration.ofSeconds(60), () -> api.ended("browser-rerun-from", rid));
        return rid;
    }

    private String newRunPage(String old) {
        return b.until("the new run's page", d -> {
            Matcher m = RUN_PAGE.matcher(b.path());
            return m.matches() && !m.group(1).equals(old) ? m.group(1) : null;
        });
    }

    @Test
    void reRunsFromTheFailedStepAndFromAFailedStepsPanel() throws Exception {
        String first = failedRun();
        b = browsers.open("rerun-from");
        b.loginAsAdmin();
        b.open("/app/flows/browser-rerun-from/runs/" + first);
        b.waitForText(".run-status", "Failed");
        b.waitForPresent(DashboardTest.node("check", "failed"));
        assertThat(b.findAll(".actions button")).extracting(WebElement::getText)
                .containsExactly("Re-run", "Re-run from failed");
        b.waitForText("#sec-detail", "check"); // the failed step opens by itself, with its own button
        assertThat(b.findAll(".detail button.rerun-from")).extracting(WebElement::getText)
                .containsExactly("Re-run from here");
        b.screenshot("rerun-from-buttons");

        Files.writeString(host.dir().resolve("fixed"), "yes");
        b.press("Re-run from failed");
        String again = newRunPage(first);
        b.waitForText(".run-status", "Success");
        b.waitForText(".run-head .facts", "admin (re-run of " + first + " from the failed steps)");
        assertThat(b.findAll(".actions button")).extracting(WebElement::getText).containsExactly("Re-run");
        b.screenshot("rerun-from-failed");
        assertThat(Files.readAllLines(host.dir().resolve("ledger"))).containsExactly("build", "check", "check");

        b.open("/app/flows/browser-rerun-from/runs/" + first);
        b.waitForText("#sec-detail", "check");
        b.press("Re-run from here");
        String third = newRunPage(first);
        assertThat(third).isNotEqualTo(again);
        b.waitForText(".run-status", "Success");
        b.waitForText(".run-head .facts", "admin (re-run of " + first + " from node check)");
        assertThat(Files.readAllLines(host.dir().resolve("ledger"))).containsExactly("build", "check", "check", "check");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
