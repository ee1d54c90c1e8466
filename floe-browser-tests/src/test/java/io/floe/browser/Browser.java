package io.floe.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless browser on the dashboard of one host, as a test's user: it opens pages, waits for what a person would
 * wait to see, types and clicks, and saves screenshots as {@code target/screenshots/<scenario>-<page>.png}.
 */
final class Browser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** The API answers some calls with 4xx on purpose (not logged in, wrong password); the browser logs those. */
    private static final Pattern EXPECTED = Pattern.compile("Failed to load resource: the server responded with a "
            + "status of (401|404|409)");

    final ChromeDriver driver;
    final String base;
    private final String scenario;

    Browser(String base, Path profile, String scenario) {
        this.driver = Chromium.start(profile);
        this.base = base;
        this.scenario = scenario;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
    }

    /** Loads {@code path} of the host (e.g. {@code /app/dash}) as if typed into the address bar. */
    void open(String path) {
        driver.get(base + path);
    }

    /** Waits until an element matching {@code css} is shown, and answers it. */
    WebElement waitFor(String css) {
        return until("an element " + css + " to be shown", d -> {
            for (WebElement e : d.findElements(By.cssSelector(css))) {
                if (e.isDisplayed()) {
                    return e;
                }
            }
            return null;
        });
    }

    /** Waits until an element matching {@code css} exists, shown or not (e.g. SVG nodes scrolled out of view). */
    WebElement waitForPresent(String css) {
        return until("an element " + css + " to exist", d -> {
            List<WebElement> all = d.findElements(By.cssSelector(css));
            return all.isEmpty() ? null : all.get(0);
        });
    }

    /** Waits until the text of the first element matching {@code css} contains {@code text}. */
    WebElement waitForText(String css, String text) {
        return until("'" + text + "' in " + css, d -> {
            for (WebElement e : d.findElements(By.cssSelector(css))) {
                if (e.getText().contains(text)) {
                    return e;
                }
            }
            return null;
        });
    }

    /** Waits (up to {@link #WAIT}) until {@code check} answers something other than null or false. */
    <T> T until(String what, Function<WebDriver, T> check) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .withMessage("waited " + WAIT.toSeconds() + " s for " + what)
                .until(check::apply);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /**
     * Clicks what {@code css} finds, finding it again if the page redrew it between the finding and the click (the
     * run page redraws its graph whenever the run moves on), as a person's click would simply land on the new one.
     */
    void click(String css) {
        until("a click on " + css, d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The text of what {@code css} finds, read again if the page redrew it between the finding and the reading. */
    String text(String css) {
        return until("the text of " + css, d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** Types {@code text} into the field labelled {@code label} (its {@code <label for>}), replacing what it held. */
    WebElement fill(String label, String text) {
        WebElement field = field(label);
        field.clear();
        field.sendKeys(text);
        return field;
    }

    /** The input that the visible label reading {@code label} is for. */
    WebElement field(String label) {
        return until("a field labelled '" + label + "'", d -> {
            for (WebElement l : d.findElements(By.tagName("label"))) {
                if (l.isDisplayed() && l.getText().trim().equals(label)) {
                    return d.findElement(By.id(l.getAttribute("for")));
                }
            }
            return null;
        });
    }

    /** Clicks the visible button reading {@code words}. */
    void press(String words) {
        until("a button '" + words + "'", d -> {
            for (WebElement b : d.findElements(By.tagName("button"))) {
                if (b.isDisplayed() && b.isEnabled() && b.getText().trim().equals(words)) {
                    b.click();
                    return true;
                }
            }
            return null;
        });
    }

    /** Logs in on the login page that is shown. */
    void login(String user, String password) {
        fill("User name", user);
        fill("Password", password);
        press("Log in");
    }

    /** Opens the dashboard and logs in as admin; answers when the dashboard shows. */
    void loginAsAdmin() {
        open("/app/dash");
        waitFor("#login-password");
        login("admin", BrowserHost.ADMIN);
        waitFor(".top-nav");
        waitFor(".flow-card");
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** The path of the page shown, e.g. {@code /app/flows/build-and-test/runs/h1-3}. */
    String path() {
        return (String) js("return location.pathname");
    }

    /** Saves the whole page (not only the window) as {@code <scenario>-<page>.png}. */
    Path screenshot(String page) {
        Path dir = Path.of(System.getProperty("floe.screenshots", "target/screenshots"));
        Path file = dir.resolve(scenario + "-" + page + ".png");
        try {
            Files.createDirectories(dir);
            Files.write(file, fullPage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @SuppressWarnings("unchecked")
    private byte[] fullPage() {
        try {
            Map<String, Object> m = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<String, Object> size = (Map<String, Object>) m.get("cssContentSize");
            double w = ((Number) size.get("width")).doubleValue();
            double h = Math.min(((Number) size.get("height")).doubleValue(), 8000);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", w, "height", h,
                            "scale", 1)));
            return Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException e) {
            return driver.getScreenshotAs(OutputType.BYTES); // the window at least
        }
    }

    /**
     * What went wrong in the page since the last call: script errors, refused content (CSP) and failed loads, but not
     * the 4xx answers the API gives on purpose.
     */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                    && !EXPECTED.matcher(e.getMessage()).find()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
