package io.floe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The browsers one test opens on a {@link SharedHost}, each with a profile of its own; after the test, each must have
 * logged no error in its console, and each is closed. Register it as an instance field:
 * {@code @RegisterExtension final Browsers browsers = new Browsers(host)}.
 */
final class Browsers implements AfterEachCallback {
    private final SharedHost host;
    private final List<Browser> open = new ArrayList<>();
    private int made;

    Browsers(SharedHost host) {
        this.host = host;
    }

    /** A new browser on the host; its screenshots are named after {@code scenario}. */
    Browser open(String scenario) {
        Browser b = new Browser(host.url(), host.dir().resolve("profile-" + scenario + "-" + (++made)), scenario);
        open.add(b);
        return b;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            for (Browser b : open) {
                assertThat(b.problems()).as("errors in the browser's console").isEmpty();
            }
        } finally {
            open.forEach(Browser::close);
            open.clear();
        }
    }
}
