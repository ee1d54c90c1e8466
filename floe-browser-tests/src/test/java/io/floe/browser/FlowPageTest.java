package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The flow page's history chart and run filter: one bar per run coloured by its result, a click opens the run, and a
 * filter chosen in the form (or given in the address) lists only the matching runs and stays in the address.
 */
class FlowPageTest {
    private static final String FLOW = "browser-history";

    @RegisterExtension
    static final SharedHost host = SharedHost.of(dir -> List.of(flow(dir.resolve("fail"))));
    @RegisterExtension
    final Browsers browsers = new Browsers(host);
    private static final List<String> good = new ArrayList<>();
    private static final List<String> bad = new ArrayList<>();
    private Browser b;

    @BeforeAll
    static void runFlows() throws Exception {
        Path fail = host.dir().resolve("fail");
        // main is good, dev fails: two of each, alternating
        for (int i = 0; i < 4; i++) {
            boolean failing = i % 2 == 1;
            if (failing) {
                Files.writeString(fail, "");
            } else {
                Files.deleteIfExists(fail);
            }
            String rid = host.runToEnd(FLOW, "{\"branch\":\"" + (failing ? "dev" : "main") + "\"}");
            (failing ? bad : good).add(rid);
        }
    }

    /** A flow whose one step fails while the test's switch file exists. */
    private static Map<String, Object> flow(Path fail) {
        return Map.of("id", FLOW, "ver", 1, "name", "History", "triggers", List.of(Map.of("name", "start", "type",
                "data", "opts", Map.of("form", Map.of("title", "Build", "fields", List.of(Map.of("id", "branch",
                        "prompt", "Branch", "type", "text")))))),
                "tasks", List.of(
                        Map.of("name", "work", "listen", "trigger.good", "type", "exec", "opts",
                                Map.of("shell", "test ! -e '" + fail + "'")),
                        Map.of("name", "done", "listen", "task.work.good", "type", "end")));
    }

    @Test
    void theHistoryChartHasABarPerRunColouredByResultAndABarOpensItsRun() {
        b = browsers.open("history");
        b.loginAsAdmin();
        b.open("/app/flows/" + FLOW);
        b.until("four bars", d -> b.findAll(".history-chart .hc-bar").size() == 4 ? true : null);
        List<String> bars = b.findAll(".history-chart .hc-bar").stream().map(e -> e.getAttribute("data-run")).toList();
        assertThat(bars).as("oldest on the left").containsExactly(good.get(0), bad.get(0), good.get(1), bad.get(1));
        for (String rid : good) {
            assertThat(bar(rid).getAttribute("class")).contains("hc-good");
        }
        for (String rid : bad) {
            assertThat(bar(rid).getAttribute("class")).contains("hc-bad");
            assertThat(bar(rid).getAttribute("aria-label")).startsWith(rid + ": Failed");
        }
        assertThat(fill(good.get(0))).as("good and bad bars differ in colour").isNotEqualTo(fill(bad.get(0)));
        // the chart comes before the list of runs
        assertThat((Boolean) b.js("return document.querySelector('.history-chart').compareDocumentPosition("
                + "document.querySelector('.runs-archive')) === Node.DOCUMENT_POSITION_FOLLOWING")).isTrue();
        b.screenshot("flow-page");

        b.click(".history-chart .hc-bar[data-run='" + bad.get(0) + "']");
        b.until("the run's page", d -> b.path().equals("/app/flows/" + FLOW + "/runs/" + bad.get(0)) ? true : null);
        b.waitFor(".rg-node");
    }

    @Test
    void aFilterListsOnlyMatchingRunsAndStaysInTheAddress() {
        b = browsers.open("run-filter");
        b.loginAsAdmin();
        b.open("/app/flows/" + FLOW);
        b.waitFor(".runs-archive tr[data-run='" + good.get(0) + "']");
        new Select(b.field("Result")).selectByVisibleText("Failed");
        b.press("Filter");
        b.until("the filter in the address", d -> "?result=bad".equals(b.js("return location.search")) ? true : null);
        b.until("only failed runs", d -> archived().equals(List.of(bad.get(1), bad.get(0))) ? true : null);
        b.until("only failed bars", d -> b.findAll(".history-chart .hc-bar").size() == 2 ? true : null);
        assertThat(b.findAll(".history-chart .hc-good")).isEmpty();
        b.screenshot("failed-only");

        // a link with a filter opens filtered, its form filled in
        b.open("/app/flows/" + FLOW + "?value.branch=main");
        b.until("only main's runs", d -> archived().equals(List.of(good.get(1), good.get(0))) ? true : null);
        assertThat(b.field("Value").getAttribute("value")).isEqualTo("branch");
        assertThat(b.field("equals").getAttribute("value")).isEqualTo("main");
        assertThat(b.text(".filter-status")).isEqualTo("Showing only the runs that match this filter.");

        b.fill("Started by", "nobody");
        b.press("Filter");
        b.waitForText(".runs-archive", "No finished run matches this filter.");
        assertThat((String) b.js("return location.search")).isEqualTo("?by=nobody&value.branch=main");

        b.press("Clear");
        b.until("every run again", d -> archived().size() == 4 ? true : null);
        assertThat((String) b.js("return location.search")).isEmpty();

        b.open("/app/flows/" + FLOW + "?since=last-week");
        b.waitForText(".filter-status", "This filter can not be used: parameter since: 'last-week' is not an ISO-8601"
                + " time");
        assertThat(b.problems()).as("the browser logs the refused calls, and only those")
                .allMatch(p -> p.contains("since=last-week") && p.contains("status of 400"));
    }

    private WebElement bar(String rid) {
        return b.find(".history-chart .hc-bar[data-run='" + rid + "']");
    }

    private String fill(String rid) {
        return (String) b.js("return getComputedStyle(arguments[0].querySelector('.hc-fill')).fill", bar(rid));
    }

    private List<String> archived() {
        return b.findAll(".runs-archive tbody tr").stream().map(e -> e.getAttribute("data-run")).toList();
    }
}
