package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.testflows.TestFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The run page as a person uses it (issue 19): each step's duration on the graph, the timeline, colours in a log, a
 * search over the whole log, links to a log line, a data node's form title and multi-line values, and a 32-node graph
 * that is readable at first sight, pans and zooms; at 1440×900 and at a phone's 390×844. Steps that must be seen
 * running wait for a gate file the test creates, so nothing depends on how fast the machine is.
 */
class RunPageTest {
    @TempDir
    Path dir;
    private BrowserHost host;
    private HostApi api;
    private Browser b;
    private Path gate;

    @BeforeAll
    static void chromium() {
        Chromium.requireInstalled();
    }

    @SuppressWarnings("unchecked")
    private void start(String scenario, int width, int height) throws Exception {
        gate = dir.resolve("gate");
        String yaml = TestFlows.text("browser-run-page.yml").replace("@GATE@", gate.toString());
        Map<String, Object> flows = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        host = BrowserHost.start(dir.resolve("host"), (List<Map<String, Object>>) flows.get("flows"), "127.0.0.1:0");
        api = new HostApi(host.url);
        b = new Browser(host.url, dir.resolve("profile"), scenario);
        // the page's viewport itself is width×height (a window's size would include its frame)
        b.driver.manage().window().setSize(new Dimension(Math.max(width, 500), height + 160));
        b.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
        b.loginAsAdmin();
    }

    @AfterEach
    void stop() {
        try {
            if (b != null) {
                assertThat(b.problems()).as("errors in the browser's console").isEmpty();
            }
        } finally {
            if (b != null) {
                b.close();
            }
            if (host != null) {
                host.close();
            }
        }
    }

    private String run(String flow) {
        return api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"start\"}}")
                .getAsJsonArray("Runs").get(0).getAsString();
    }

    @Test
    void showsDurationsATimelineColoursASearchAndLinksToLogLines() throws Exception {
        start("run-page", 1440, 900);
        String rid = run("browser-run-page");
        String page = "/app/flows/browser-run-page/runs/" + rid;
        b.open(page);
        b.waitForPresent(DashboardTest.node("colours", "success"));
        b.waitForPresent(DashboardTest.node("waits", "running"));
        // durations on the graph: the finished step's, and the running step's counting on
        assertThat(b.text("[data-node-id='colours'] .rg-time")).matches("\\d+(ms|s)");
        assertThat(b.text("[data-node-id='waits'] .rg-time")).matches("\\d+(ms|s)|\\d+m \\d\\ds");
        assertThat(b.text("[data-node-id='start'] .rg-time")).isEmpty();
        b.screenshot("graph-durations");

        // the timeline: a bar per task, coloured by its state
        b.press("Timeline");
        WebElement running = b.waitFor(".tl-row[data-node-id='waits'] .tl-bar.tl-state-running");
        WebElement done = b.waitFor(".tl-row[data-node-id='colours'] .tl-bar.tl-state-success");
        assertThat(running.getCssValue("background-color")).isEqualTo("rgba(217, 119, 6, 1)");
        assertThat(done.getCssValue("background-color")).isEqualTo("rgba(22, 163, 74, 1)");
        assertThat(b.text(".tl-row[data-node-id='colours'] .tl-took")).matches("\\d+(ms|s)");
        assertThat(b.find(".graph-window").isDisplayed()).isFalse();
        b.screenshot("timeline");
        b.click(".tl-row[data-node-id='colours'] .tl-name");
        b.press("Graph");
        b.waitFor(".graph-window");

        // colours drawn as the tool printed them, as text
        // the log follows its end; its first lines are a scroll away
        b.waitForText(".log-viewport", "filler 3000");
        b.js("document.querySelector('.log-viewport').scrollTop = 0");
        b.waitForText(".log-viewport", "red failure");
        WebElement red = b.waitForPresent(".log-viewport .ansi-fg-red");
        assertThat(red.getText()).isEqualTo("red failure");
        assertThat(red.getCssValue("color")).isEqualTo("rgba(248, 113, 113, 1)");
        WebElement green = b.find(".log-viewport .ansi-fg-green.ansi-bold");
        assertThat(green.getText()).isEqualTo("bold green");
        assertThat(green.getCssValue("font-weight")).isEqualTo("700");
        assertThat(b.text(".log-viewport")).doesNotContain("\u001b");

        // a search over the whole log on the host; its hit opens the line, and the address links to it
        WebElement box = b.waitFor("input.log-search-text");
        box.sendKeys("NEEDLE");
        b.press("Search");
        WebElement hit = b.waitFor(".log-hit");
        assertThat(hit.getText()).contains("the needle is here");
        assertThat(b.text(".log-hits-summary")).isEqualTo("1 line holds “NEEDLE”.");
        String line = b.text(".log-hit-num").replaceAll("[^0-9]", "");
        hit.click();
        WebElement marked = b.waitForText(".log-row.log-mark", "the needle is here");
        assertThat(inView(marked, ".log-viewport")).isTrue();
        assertThat(b.js("return location.hash")).isEqualTo("#node=colours&line=" + line);
        b.screenshot("log-search");

        b.open("/app/dash");
        b.waitFor(".flow-card");
        b.open(page + "#node=colours&line=" + line);
        marked = b.waitForText(".log-row.log-mark", "the needle is here");
        assertThat(inView(marked, ".log-viewport")).isTrue();
        assertThat(b.text("#sec-detail")).isEqualTo("colours");
        b.screenshot("line-link");

        // the data node's form under its title; a multi-line answer keeps its lines
        Files.writeString(gate, "go");
        b.waitFor(".needs-input [data-node='approve'] form");
        assertThat(b.text(".needs-input [data-node='approve'] .form-title")).isEqualTo("Approve the release notes");
        b.field("Release notes").sendKeys("first line\nsecond line");
        b.screenshot("form-title");
        b.press("Submit");
        b.waitForText(".run-status", "Success");
        b.click("[data-node-id='approve']");
        WebElement value = b.waitFor(".detail .values dd");
        assertThat(value.getText()).isEqualTo("first line\nsecond line");
        assertThat(b.text(".detail .form-title")).isEqualTo("Approve the release notes");
        b.screenshot("form-values");
    }

    @Test
    void drawsA32NodeGraphReadableAtFirstSightWithPanAndZoom() throws Exception {
        start("graph-32", 1440, 900);
        String rid = run("browser-32");
        b.open("/app/flows/browser-32/runs/" + rid);
        b.waitForPresent(DashboardTest.node("t27", "running"));
        b.until("the 28 tests done but one", d -> b.findAll(".rg-node.rg-state-success").size() == 1 + 1 + 27
                ? true : null);
        // start, the merge, the end and the running step are in the window without scrolling, at a readable size
        for (String id : List.of("start", "prepare", "all-tests", "finish", "t27", "t01", "t28")) {
            WebElement n = b.find("[data-node-id='" + id + "']");
            assertThat(inWindow(n)).as(id + " in the browser window").isTrue();
            assertThat(inView(n, ".graph-window")).as(id + " in the graph's window").isTrue();
            assertThat(n.getRect().getWidth()).as(id + "'s width on screen").isGreaterThanOrEqualTo(96);
        }
        b.screenshot("first-sight");

        // the wheel zooms in where the pointer is; a drag pans; "Fit" shows it whole
        String before = b.text(".zoom-level");
        b.js("const w = document.querySelector('.graph-window'); const r = w.getBoundingClientRect();"
                + "w.dispatchEvent(new WheelEvent('wheel', {deltaY: -100, clientX: r.left + 40, clientY: r.top + 40,"
                + " bubbles: true, cancelable: true}));");
        assertThat(percent(b.text(".zoom-level"))).isGreaterThan(percent(before));
        String moved = (String) b.js("return document.querySelector('.graph-stage').style.transform");
        new Actions(b.driver).moveToElement(b.find(".graph-window"), 0, 0).clickAndHold().moveByOffset(-200, -60)
                .release().perform();
        assertThat(b.js("return document.querySelector('.graph-stage').style.transform")).isNotEqualTo(moved);
        assertThat(b.findAll(".detail .detail-head")).as("a drag selects no step").isEmpty();
        b.click("[aria-label='Zoom out']");
        b.press("Fit");
        for (WebElement n : b.findAll(".rg-node")) {
            assertThat(inView(n, ".graph-window")).as(n.getAttribute("data-node-id") + " after Fit").isTrue();
        }
        b.screenshot("fit");

        Files.writeString(gate, "go");
        b.waitForText(".run-status", "Success");
        b.waitForPresent(DashboardTest.node("finish", "success"));
    }

    @Test
    void fitsTheRunPageToAPhone() throws Exception {
        start("run-page-phone", 390, 844);
        String rid = run("browser-32");
        b.open("/app/flows/browser-32/runs/" + rid);
        b.waitForPresent(DashboardTest.node("t27", "running"));
        b.until("the 28 tests done but one", d -> b.findAll(".rg-node.rg-state-success").size() == 1 + 1 + 27
                ? true : null);
        b.screenshot("first-sight");
        WebElement window = b.find(".graph-window");
        assertThat(window.getRect().getX() + window.getRect().getWidth()).isLessThanOrEqualTo(390);
        WebElement t27 = b.find("[data-node-id='t27']");
        assertThat(inView(t27, ".graph-window")).as("the running step in view").isTrue();
        assertThat(inWindow(t27)).as(where(t27)).isTrue();
        b.screenshot("graph");
        b.press("Timeline");
        WebElement bar = b.waitFor(".tl-row[data-node-id='t27'] .tl-bar.tl-state-running");
        assertThat(bar.getRect().getX() + bar.getRect().getWidth()).isLessThanOrEqualTo(390);
        b.click(".tl-row[data-node-id='prepare'] .tl-name");
        b.waitForText(".log-viewport", "prepared");
        WebElement search = b.waitFor("input.log-search-text");
        assertThat(search.getRect().getX() + search.getRect().getWidth()).isLessThanOrEqualTo(390);
        b.screenshot("timeline-and-log");
        Files.writeString(gate, "go");
        b.waitForText(".run-status", "Success");
    }

    /** Whether the element's box lies inside the box of the first element matching {@code css}. */
    private boolean inView(WebElement e, String css) {
        return (Boolean) b.js("const a = arguments[0].getBoundingClientRect();"
                + "const w = document.querySelector(arguments[1]).getBoundingClientRect();"
                + "return a.left >= w.left - 0.5 && a.right <= w.right + 0.5 && a.top >= w.top - 0.5"
                + " && a.bottom <= w.bottom + 0.5;", e, css);
    }

    /** Whether the element's box lies inside the browser's window as it is scrolled now. */
    private boolean inWindow(WebElement e) {
        return (Boolean) b.js("const a = arguments[0].getBoundingClientRect();"
                + "return a.left >= 0 && a.top >= 0 && a.right <= innerWidth && a.bottom <= innerHeight;", e);
    }

    private String where(WebElement e) {
        return String.valueOf(b.js("const a = arguments[0].getBoundingClientRect();"
                + "return JSON.stringify([a.left, a.top, a.right, a.bottom, innerWidth, innerHeight]);",
                e));
    }

    private static int percent(String text) {
        return Integer.parseInt(text.replace("%", "").trim());
    }
}
