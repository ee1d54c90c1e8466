package io.floe.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One dashboard host for all the tests of a class: started (with chromium required) before the first test, closed
 * after the last, in a folder of its own that it removes. Register it as a static field:
 * {@code @RegisterExtension static final SharedHost host = SharedHost.of(dir -> List.of(flow(dir)))}.
 */
final class SharedHost implements BeforeAllCallback, AfterAllCallback {
    private final Function<Path, List<Map<String, Object>>> flows;
    private final Path dir;
    private BrowserHost host;
    private HostApi api;

    private SharedHost(Function<Path, List<Map<String, Object>>> flows) {
        this.flows = flows;
        try {
            this.dir = Files.createTempDirectory("floe-browser-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A host on the repository's {@code default.yml} and the browser flows. */
    static SharedHost standard() {
        return of(dir -> List.of());
    }

    /** A host that also has the flows {@code flows} makes, given the host's folder (for files its tasks use). */
    static SharedHost of(Function<Path, List<Map<String, Object>>> flows) {
        return new SharedHost(flows);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Chromium.requireInstalled();
        host = BrowserHost.start(dir.resolve("host"), flows.apply(dir), "127.0.0.1:0");
        api = new HostApi(host.url);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (host != null) {
            host.close();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    String url() {
        return host.url;
    }

    HostApi api() {
        return api;
    }

    /** The host's own folder: for files a test's tasks read or write. */
    Path dir() {
        return dir;
    }

    /** Starts flow {@code flow} from its {@code start} form with {@code valuesJson} and answers the run's id. */
    String start(String flow, String valuesJson) {
        return api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"start\",\"Values\":"
                + valuesJson + "}}").getAsJsonArray("Runs").get(0).getAsString();
    }

    /** {@link #start} and waits for the run to end. */
    String runToEnd(String flow, String valuesJson) {
        String rid = start(flow, valuesJson);
        awaitEnd(flow, rid);
        return rid;
    }

    /** Waits for run {@code rid} of {@code flow} to end. */
    void awaitEnd(String flow, String rid) {
        HostApi.await("run " + rid + " of " + flow + " to end", Duration.ofSeconds(120), () -> api.ended(flow, rid));
    }
}
