package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The dashboard in headless chromium against a real host: what a user does with it, page by page. */
class DashboardTest {
    private static final Pattern RUN_PAGE = Pattern.compile("^/app/flows/[^/]+/runs/([^/]+)$");

    @RegisterExtension
    static final SharedHost host = SharedHost.standard();
    @RegisterExtension
    final Browsers browsers = new Browsers(host);
    private Browser b;

    private Browser browser(String scenario) {
        b = browsers.open(scenario);
        return b;
    }

    @Test
    void logsInWithRealCredentialsAndOut() {
        browser("login");
        b.open("/app/flows/build-and-test");
        b.waitFor("#login-password");
        assertThat(b.findAll(".top-nav")).allSatisfy(nav -> assertThat(nav.isDisplayed()).isFalse());
        b.screenshot("login-page");
        b.login("admin", BrowserHost.ADMIN);
        // back on the page that was asked for
        b.waitForText("h1", "Build and test");
        assertThat(b.path()).isEqualTo("/app/flows/build-and-test");
        assertThat(b.text("#who")).isEqualTo("admin");
        b.waitForText("#live", "Live");
        b.click(".top-nav a[data-nav='dash']");
        b.waitFor(".flow-card[data-flow='build-and-test']");
        assertThat(b.text(".flow-card[data-flow='build-and-test'] h2")).isEqualTo("Build and test");
        b.screenshot("dashboard");

        b.press("Log out");
        b.waitFor("#login-password");
        b.open("/app/dash");
        b.waitFor("#login-password"); // the session is gone on the host too
    }

    @Test
    void refusesAWrongPassword() {
        browser("wrong-password");
        b.open("/app/dash");
        b.waitFor("#login-password");
        b.login("admin", "not-the-token");
        b.waitForText(".login-form .form-status", "Wrong user name or password.");
        assertThat(b.findAll(".flow-card")).isEmpty();
        assertThat(b.find(".top-nav").isDisplayed()).isFalse();
        b.screenshot("login-refused");
    }

    @Test
    void runsTheCiFlowFromItsFormThroughSignOffToASuccess() {
        browser("ci-flow");
        b.loginAsAdmin();
        b.click(".flow-card[data-flow='build-and-test'] h2 a");
        b.waitFor("[data-trigger='start'] form");
        assertThat(b.field("Branch to build").getAttribute("value")).isEqualTo("main");
        b.fill("Branch to build", "feature/dashboard");
        b.screenshot("flow-page");
        recordNodeStates();

        b.press("Start run");
        String rid = b.until("the new run's page", d -> runId(b.path()));
        b.waitForPresent(node("checkout", "success"));
        for (String id : List.of("unit-tests", "lint", "build", "checks-passed")) {
            b.waitForPresent(node(id, "success"));
        }
        b.waitFor(".needs-input [data-node='sign-off'] form");
        assertThat(b.text(".needs-input h3")).isEqualTo("sign off");
        assertThat(b.text(".run-status")).isEqualTo("Running");
        assertThat(b.find(node("deploy", "idle")).getAttribute("aria-label")).isEqualTo("deploy: not started");
        b.screenshot("run-waiting-for-sign-off");

        b.fill("Type yes to release", "yes");
        b.press("Submit");
        b.waitForPresent(node("deploy", "success"));
        b.waitForText(".run-status", "Success");
        b.waitForPresent(node("done", "success"));
        b.click("[data-node-id='deploy']");
        b.waitForText(".log-viewport", "deployed");
        b.screenshot("run-success");
        // the page was never reloaded: each step's states arrived live, in order
        assertThat(states()).containsSubsequence("deploy:running", "deploy:success");

        b.click(".crumbs a[href='/app/flows/build-and-test']");
        WebElement row = b.waitFor(".runs-archive tr[data-run='" + rid + "']");
        assertThat(row.getText()).contains("Success");
        assertThat(row.getText()).contains("reached end node done");
        b.screenshot("flow-archive");
        b.click(".top-nav a[data-nav='dash']");
        b.waitForText(".flow-card[data-flow='build-and-test'] li[data-run='" + rid + "']", "Success");
    }

    @Test
    void keepsTheDashboardAndTheFlowPageCurrent() {
        browser("live-lists");
        b.loginAsAdmin();
        recordNodeStates(); // only to show the page is never reloaded
        HostApi api = host.api();
        String first = api.post("/push/data", "{\"Ref\":{\"ID\":\"browser-slow\"},\"Form\":{\"ID\":\"start\"}}")
                .getAsJsonArray("Runs").get(0).getAsString();
        b.waitForText(".flow-card[data-flow='browser-slow'] li[data-run='" + first + "']", "Running");
        b.screenshot("dashboard");

        b.click(".flow-card[data-flow='browser-slow'] h2 a");
        b.waitForText(".runs-active tr[data-run='" + first + "']", "Running");
        api.post("/flows/browser-slow/runs/" + first + "/cancel", "{}");
        b.waitForText(".runs-archive tr[data-run='" + first + "']", "Cancelled");
        assertThat(b.text(".runs-archive tr[data-run='" + first + "']")).contains("cancelled by admin");
        assertThat(b.findAll(".runs-active tr[data-run='" + first + "']")).isEmpty();
        b.screenshot("flow-page");
        states();
    }

    @Test
    void pagesThroughTheArchive() {
        HostApi api = host.api();
        List<String> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            runs.add(api.post("/push/data", "{\"Ref\":{\"ID\":\"browser-quick\"},\"Form\":{\"ID\":\"start\"}}")
                    .getAsJsonArray("Runs").get(0).getAsString());
        }
        for (String rid : runs) {
            HostApi.await("run " + rid + " to end", java.time.Duration.ofSeconds(60), () -> api.ended("browser-quick",
                    rid));
        }
        browser("archive");
        b.loginAsAdmin();
        b.open("/app/flows/browser-quick");
        b.waitFor(".runs-archive tr[data-run='" + runs.get(24) + "']");
        assertThat(b.findAll(".runs-archive tbody tr")).hasSize(20);
        assertThat(b.findAll(".runs-archive tr[data-run='" + runs.get(0) + "']")).isEmpty();
        b.screenshot("newest");
        b.press("Older runs ›");
        b.waitFor(".runs-archive tr[data-run='" + runs.get(0) + "']");
        assertThat(b.findAll(".runs-archive tbody tr")).hasSize(5);
        assertThat(b.text(".runs-archive h2")).contains("page 2");
        b.screenshot("older");
        b.press("‹ Newer runs");
        b.waitFor(".runs-archive tr[data-run='" + runs.get(24) + "']");
        assertThat(b.findAll(".runs-archive tbody tr")).hasSize(20);
    }

    @Test
    void showsTheFailedStepOfAFailingRunAndItsLog() {
        browser("failing-run");
        b.loginAsAdmin();
        b.open("/app/flows/browser-fails");
        b.press("Start run");
        b.waitForText(".run-status", "Failed");
        b.waitForPresent(node("compile", "failed"));
        b.waitForPresent(node("package", "skipped"));
        // the failed step is opened by itself, with its log
        b.waitForText("#sec-detail", "compile");
        b.waitForText(".log-viewport", "main.c:3: error: undefined symbol 'mian'");
        assertThat(b.text(".log-viewport")).contains("compiling <b>main.c</b> & <script>alert('x')</script>");
        assertThat(b.text(".detail-head .badge")).isEqualTo("failed");
        b.screenshot("run-failed");

        b.click(".crumbs a[href='/app/flows/browser-fails']");
        b.waitForText(".runs-archive tbody tr", "Failed");
        b.screenshot("flow-archive");
    }

    @Test
    void cancelsARunningRun() {
        browser("cancel");
        b.loginAsAdmin();
        b.open("/app/flows/browser-slow");
        b.press("Start run");
        b.waitForPresent(node("wait", "running"));
        b.click("[data-node-id='wait']");
        b.waitForText(".log-viewport", "waiting for ten minutes");
        b.screenshot("run-running");

        b.press("Cancel run");
        b.waitForText(".confirm", "Cancel this run?");
        b.screenshot("confirm");
        b.press("Yes, cancel the run");
        b.waitForText(".run-status", "Cancelled");
        b.waitForText(".run-head .facts", "cancelled by admin");
        b.waitForPresent(node("wait", "cancelled"));
        // grey, neither the red of a failure nor the green of a success
        assertThat(b.find(".run-status .badge").getCssValue("background-color")).isEqualTo("rgba(238, 241, 245, 1)");
        assertThat(b.findAll(".actions button")).extracting(WebElement::getText)
                .containsExactly("Re-run", "Re-run from failed");
        b.screenshot("run-cancelled");
    }

    @Test
    void aCancelledSignOffIsNotApprovedAndTheRunIsReRunFromItsPage() {
        browser("cancel-sign-off");
        b.loginAsAdmin();
        b.open("/app/flows/build-and-test");
        b.waitFor("[data-trigger='start'] form");
        b.fill("Branch to build", "release/1.2");
        b.press("Start run");
        String first = b.until("the new run's page", d -> runId(b.path()));
        b.waitFor(".needs-input [data-node='sign-off'] form");
        b.waitForText(".run-head .facts", "Started by");
        assertThat(b.text(".run-head .facts")).contains("admin");

        b.press("Cancel run");
        b.press("Yes, cancel the run");
        b.waitForText(".run-status", "Cancelled");
        b.waitForPresent(node("sign-off", "cancelled"));
        assertThat(b.findAll(node("sign-off", "success"))).isEmpty();
        assertThat(b.find("[data-node-id='sign-off']").getAttribute("aria-label")).isEqualTo("sign off: cancelled");
        b.screenshot("sign-off-cancelled");
        // after a reload too: the server's view says cancelled, not finished-and-good
        b.open("/app/flows/build-and-test/runs/" + first);
        b.waitForPresent(node("sign-off", "cancelled"));
        b.waitForText(".run-status", "Cancelled");

        b.press("Re-run");
        String again = b.until("the re-run's page", d -> {
            String rid = runId(b.path());
            return rid == null || rid.equals(first) ? null : rid;
        });
        b.waitForText(".run-head .facts", "admin (re-run of " + first + ")");
        b.waitFor(".needs-input [data-node='sign-off'] form");
        b.screenshot("re-run");
        b.click(".crumbs a[href='/app/flows/build-and-test']");
        b.waitForText(".runs-active tr[data-run='" + again + "'] .started-by", "admin (re-run of " + first + ")");
        b.waitForText(".runs-archive tr[data-run='" + first + "']", "Cancelled");
        b.screenshot("flow-page-started-by");
        host.api().post("/flows/build-and-test/runs/" + again + "/cancel", "{}");
    }

    @Test
    void showsSettingsAndPagesThatDoNotExist() {
        browser("pages");
        b.loginAsAdmin();
        b.click(".top-nav a[data-nav='settings']");
        WebElement me = b.waitFor("dl[data-host='h1']");
        assertThat(me.getText()).contains("h1").contains("master").contains("Online");
        b.waitForText("#sec-cluster + *", "works alone");
        b.screenshot("settings");

        b.open("/app/no-such-page");
        b.waitForText("h1", "Page not found");
        b.screenshot("not-found");
        b.open("/app/flows/no-such-flow");
        b.waitForText("h1", "Flow not found");
        b.screenshot("flow-not-found");
        b.open("/app/flows/build-and-test/runs/h1-9999");
        b.waitForText("h1", "Run not found");
        b.screenshot("run-not-found");
    }

    @Test
    void showsMarkupFromFlowsFormsAndLogsAsText() throws Exception {
        browser("escaping");
        b.loginAsAdmin();
        WebElement title = b.waitFor(".flow-card[data-flow='browser-escape'] h2 a");
        assertThat(title.getText()).isEqualTo("<img src=x onerror=alert(1)> Tricky & <b>bold</b>");
        title.click();
        b.waitFor("[data-trigger='go'] form");
        assertThat(b.text("[data-trigger='go'] .form-title")).isEqualTo("<script>alert(2)</script> Start");
        // one input per field type, each with its label
        assertThat(b.field("<img src=y onerror=alert(3)> Note").getAttribute("value")).isEqualTo("<b>x</b>");
        assertThat(b.field("Go fast").isSelected()).isTrue();
        assertThat(b.field("How many").getAttribute("step")).isEqualTo("1");
        assertThat(b.field("Ratio").getAttribute("type")).isEqualTo("number");
        assertThat(b.field("Secret").getAttribute("type")).isEqualTo("password");
        assertThat(b.field("When").getAttribute("type")).isEqualTo("date");
        assertThat(b.field("Story").getTagName()).isEqualTo("textarea");
        assertEveryFieldIsLabelled();
        b.screenshot("flow-form");

        b.fill("Secret", "s3cret");
        b.press("Start run");
        b.waitForPresent(node("echo", "success"));
        b.click("[data-node-id='echo']");
        b.waitForText(".log-viewport", "<img src=z onerror=alert(5)>");
        assertThat(b.text("#sec-detail")).isEqualTo("<svg onload=alert(4)> echo");
        b.waitFor(".needs-input [data-node='ask'] form");
        assertEveryFieldIsLabelled();
        b.fill("<em>Your answer</em>", "<script>alert(6)</script>");
        b.press("Submit");
        b.waitForText(".run-status", "Success");
        b.click("[data-node-id='ask']");
        b.waitForText(".values", "<script>alert(6)</script>");
        b.click("[data-node-id='go']");
        b.waitForText(".values", "Story");
        assertThat(b.text(".values")).contains("<b>x</b>").contains("••••••").doesNotContain("s3cret");
        b.screenshot("run");

        assertThat(b.js("return document.querySelectorAll('main img, main script, main b, main i, main u, main em,"
                + " main h1 h1, main svg svg, main [onerror], main [onload]').length")).isEqualTo(0L);
        assertThatThrownBy(() -> b.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(host.url()
                + "/app/dash")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'").contains("style-src 'self'").doesNotContain("unsafe"));
    }

    @Test
    void reachesTheGraphAndItsStepsWithTheKeyboard() {
        browser("keyboard");
        b.loginAsAdmin();
        b.open("/app/flows/browser-fails");
        b.press("Start run");
        b.waitForText(".run-status", "Failed");
        b.open(b.path()); // a fresh page: focus starts at the top
        b.waitForPresent(node("compile", "failed"));
        WebElement focused = null;
        for (int i = 0; i < 60 && !isNode(focused); i++) {
            new Actions(b.driver).sendKeys(Keys.TAB).perform();
            focused = b.driver.switchTo().activeElement();
        }
        assertThat(isNode(focused)).as("Tab reaches the run graph").isTrue();
        assertThat(focused.getAttribute("data-node-id")).isEqualTo("compile"); // the selected step takes focus
        new Actions(b.driver).sendKeys(Keys.ARROW_RIGHT).perform();
        assertThat(b.driver.switchTo().activeElement().getAttribute("data-node-id")).isEqualTo("package");
        new Actions(b.driver).sendKeys(Keys.ENTER).perform();
        b.waitForText("#sec-detail", "package");
        assertThat(b.text(".detail-head .badge")).isEqualTo("skipped");
        new Actions(b.driver).sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.SPACE).perform();
        b.waitForText("#sec-detail", "start");
        b.screenshot("run");
    }

    private static boolean isNode(WebElement e) {
        return e != null && "g".equals(e.getTagName()) && e.getAttribute("data-node-id") != null;
    }

    /** The run graph's node {@code id} drawn in {@code state}. */
    static String node(String id, String state) {
        return "[data-node-id='" + id + "'].rg-state-" + state;
    }

    private static String runId(String path) {
        Matcher m = RUN_PAGE.matcher(path);
        return m.matches() ? m.group(1) : null;
    }

    /** Starts noting every state the run graph's nodes are drawn in, in order, for as long as the page lives. */
    private void recordNodeStates() {
        b.js("window.floeStates = [];"
                + "new MutationObserver(ms => ms.forEach(m => {"
                + "  const t = m.target; if (!t.classList || !t.classList.contains('rg-node')) return;"
                + "  const s = [...t.classList].find(c => c.startsWith('rg-state-'));"
                + "  window.floeStates.push(t.dataset.nodeId + ':' + s.slice(9));"
                + "})).observe(document.getElementById('main'), {subtree: true, attributes: true,"
                + " attributeFilter: ['class']});");
    }

    @SuppressWarnings("unchecked")
    private List<String> states() {
        Object s = b.js("return window.floeStates || null");
        assertThat(s).as("the page was not reloaded").isNotNull();
        return (List<String>) s;
    }

    private void assertEveryFieldIsLabelled() {
        Object unlabelled = b.js("return [...document.querySelectorAll('main input:not([type=hidden]), main select,"
                + " main textarea')].filter(e => !e.labels || !e.labels.length || !e.labels[0].textContent.trim())"
                + ".map(e => e.name || e.id)");
        assertThat((List<?>) unlabelled).as("form fields without a label").isEmpty();
    }
}
