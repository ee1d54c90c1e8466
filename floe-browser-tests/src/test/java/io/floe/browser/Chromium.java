package io.floe.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, driven headless through Debian's chromedriver. Selenium is pointed at both binaries, so it never
 * tries to download a browser or a driver. Other paths can be given with {@code -Dfloe.chromium=…} and
 * {@code -Dfloe.chromedriver=…}.
 */
final class Chromium {
    static final Path BROWSER = Path.of(System.getProperty("floe.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("floe.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {}

    /** Fails, saying what to install, when the browser or its driver is missing. */
    static void requireInstalled() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the dashboard's browser tests need Debian's chromium and chromedriver at "
                    + BROWSER + " and " + DRIVER + ", and " + (Files.isExecutable(BROWSER) ? DRIVER : BROWSER)
                    + " is missing: install them with 'apt-get install -y chromium chromium-driver' (.ci/run does"
                    + " this), or name other binaries with -Dfloe.chromium=… -Dfloe.chromedriver=…");
        }
    }

    /** A new headless browser with a fresh profile in {@code profile}, its window 1280×900. */
    static ChromeDriver start(Path profile) {
        requireInstalled();
        try {
            Files.createDirectories(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(BROWSER.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900", "--lang=en-US");
        o.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        return new ChromeDriver(service, o);
    }
}
