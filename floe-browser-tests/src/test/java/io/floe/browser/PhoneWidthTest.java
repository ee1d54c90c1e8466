package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every page on a phone (360×740 and 390×844, emulated as a mobile screen): the page never scrolls sideways (wide
 * content such as a graph or a table scrolls inside its own box) and "Log out" is on the screen.
 */
class PhoneWidthTest {
    @RegisterExtension
    static final SharedHost host = SharedHost.standard();
    @RegisterExtension
    final Browsers browsers = new Browsers(host);
    private static String failedRun;
    private static String ciRun;
    private Browser b;

    @BeforeAll
    static void runFlows() {
        failedRun = host.runToEnd("browser-fails", "{}");
        // the CI flow of default.yml: the widest graph a new user sees; it waits for a sign-off
        ciRun = host.start("build-and-test", "{\"branch\":\"main\"}");
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"360, 740", "390, 844"})
    void noPageScrollsSidewaysAndLogOutIsOnScreen(int width, int height) {
        b = browsers.open("phone-" + width);
        phone(b, width, height);

        b.open("/app/dash");
        b.waitFor("#login-password");
        assertFits("login", width);

        b.login("admin", BrowserHost.ADMIN);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("dash", ".flow-card");
        pages.put("flow", ".runs-archive tr[data-run='" + failedRun + "']");
        pages.put("run", ".rg-node");
        pages.put("ci-run", ".rg-node");
        pages.put("settings", "dl.facts");
        Map<String, String> paths = Map.of("dash", "/app/dash", "flow", "/app/flows/browser-fails",
                "run", "/app/flows/browser-fails/runs/" + failedRun, "ci-run", "/app/flows/build-and-test/runs/"
                        + ciRun, "settings", "/app/settings");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            b.open(paths.get(page.getKey()));
            b.waitForPresent(page.getValue());
            b.waitFor("#logout");
            assertFits(page.getKey(), width);
            assertThat(onScreen("#logout")).as("'Log out' on the %s page is on the screen", page.getKey()).isTrue();
        }
    }

    /** Emulates a phone's screen: its width in CSS pixels, as a mobile browser lays a page out. */
    static void phone(Browser b, int width, int height) {
        b.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 2, "mobile", true));
    }

    private void assertFits(String page, int width) {
        b.screenshot(page);
        Number scroll = (Number) b.js("return document.documentElement.scrollWidth");
        Number inner = (Number) b.js("return innerWidth");
        // a mobile browser widens its layout viewport (innerWidth) to a page that is too wide, so both must fit
        assertThat(List.of(scroll.intValue(), inner.intValue())).as("the %s page's width and innerWidth at %d px;"
                + " sticking out: %s", page, width, wider(width)).allMatch(w -> w <= width);
    }

    /** What sticks out to the right, for the failure message. */
    private Object wider(int width) {
        return b.js("const out = []; for (const e of document.querySelectorAll('body *')) {"
                + " if (e.closest('.graph-scroll, .table-scroll, .log-viewport, svg')) continue; const r = e.getBoundingClientRect(); if (r.right > arguments[0] + 0.5 && out.length < 8)"
                + " out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); } return out.join(', ');",
                width);
    }

    private boolean onScreen(String css) {
        return (Boolean) b.js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + " return r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0"
                + " && r.bottom <= innerHeight;", css);
    }
}
