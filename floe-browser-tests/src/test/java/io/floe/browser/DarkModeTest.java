package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard in a browser that prefers a dark colour scheme (chromium's emulated {@code prefers-color-scheme:
 * dark}): dark backgrounds, text readable on them, and the run graph's and the history chart's results still told
 * apart.
 */
class DarkModeTest {
    /** WCAG's minimum contrast for body text. */
    private static final double READABLE = 4.5;

    @RegisterExtension
    static final SharedHost host = SharedHost.standard();
    @RegisterExtension
    final Browsers browsers = new Browsers(host);
    private static String failed;
    private static String good;
    private Browser b;

    @BeforeAll
    static void runFlows() {
        failed = host.runToEnd("browser-fails", "{}");
        good = host.runToEnd("browser-quick", "{}");
    }

    @Test
    void everyPageIsDarkAndReadableAndResultsKeepTheirColours() {
        b = browsers.open("dark");
        b.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        b.open("/app/dash");
        b.waitFor("#login-password");
        assertDarkAndReadable("login", "main");
        b.login("admin", BrowserHost.ADMIN);
        b.waitFor(".flow-card");
        assertDarkAndReadable("dash", ".flow-card h2");

        b.open("/app/flows/browser-fails");
        b.waitFor(".runs-archive tr[data-run='" + failed + "']");
        b.waitForPresent(".history-chart .hc-bad");
        assertDarkAndReadable("flow", ".runs-archive td.note");
        assertThat(luminance(css(".runs-archive table", "background-color"))).as("the runs table").isLessThan(0.1);

        b.open("/app/flows/browser-fails/runs/" + failed);
        b.waitForPresent(DashboardTest.node("compile", "failed"));
        assertDarkAndReadable("run", "h1");
        String failedBox = css(DashboardTest.node("compile", "failed") + " .rg-box", "stroke");
        String skippedBox = css(DashboardTest.node("package", "skipped") + " .rg-box", "stroke");
        assertThat(luminance(css(DashboardTest.node("compile", "failed") + " .rg-box", "fill")))
                .as("a node's box is dark").isLessThan(0.1);
        assertThat(contrast(css(DashboardTest.node("compile", "failed") + " .rg-name", "fill"),
                css(DashboardTest.node("compile", "failed") + " .rg-box", "fill"))).as("a node's name")
                .isGreaterThanOrEqualTo(READABLE);

        b.open("/app/flows/browser-quick/runs/" + good);
        b.waitForPresent(DashboardTest.node("hello", "success"));
        String goodBox = css(DashboardTest.node("hello", "success") + " .rg-box", "stroke");
        assertThat(List.of(failedBox, goodBox, skippedBox)).as("failed, good and skipped steps differ")
                .doesNotHaveDuplicates();
        assertThat(contrast(failedBox, goodBox)).as("red and green differ in lightness too").isGreaterThan(1.2);
        b.screenshot("run");
    }

    private void assertDarkAndReadable(String page, String textCss) {
        b.screenshot(page);
        String bg = (String) b.js("return getComputedStyle(document.body).backgroundColor");
        assertThat(luminance(bg)).as("the %s page's background %s is dark", page, bg).isLessThan(0.05);
        String text = css(textCss, "color");
        String behind = (String) b.js("let e = document.querySelector(arguments[0]); while (e) {"
                + " const c = getComputedStyle(e).backgroundColor; if (c !== 'rgba(0, 0, 0, 0)') return c;"
                + " e = e.parentElement; } return getComputedStyle(document.body).backgroundColor;", textCss);
        assertThat(contrast(text, behind)).as("%s on the %s page: %s on %s", textCss, page, text, behind)
                .isGreaterThanOrEqualTo(READABLE);
    }

    private String css(String selector, String property) {
        return (String) b.js("return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]]", selector,
                property);
    }

    /** WCAG relative luminance of a CSS {@code rgb(…)}/{@code rgba(…)} colour. */
    static double luminance(String rgb) {
        String[] p = rgb.replaceAll("[^0-9.,]", "").split(",");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Double.parseDouble(p[i]) / 255;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(String a, String b) {
        double x = luminance(a);
        double y = luminance(b);
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    }
}
