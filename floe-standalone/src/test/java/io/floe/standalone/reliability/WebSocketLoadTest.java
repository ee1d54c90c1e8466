package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.standalone.api.RunningHost;
import io.floe.testflows.TestFlows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load (issue 6): 50 runs at a time for a while, watched by 100 websocket clients. Every client sees every event of
 * every run, in order: event ids go up by one from the first it got to the last, and it saw every run end, and none is
 * dropped. In CI it lasts 10 s; {@code -Dfloe.load.seconds=60} runs the full minute. The clients are plain sockets read
 * by one thread ({@link RawSocketClients}): they share the test's JVM and its two cores with the host, and a hundred
 * {@code java.net.http} websockets would take more of them than the host they watch.
 */
class WebSocketLoadTest {
    private static final int RUNS_AT_ONCE = 50;
    private static final int CLIENTS = 100;

    @TempDir
    Path dir;

    /** Where the threads that carry events are, for a failure's message: what stopped the stream. */
    private static String threads() {
        StringBuilder sb = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            String n = t.getName();
            if (n.contains("events") || n.contains("floe-ws") || n.contains("raw-ws") || n.contains("Jetty")) {
                sb.append('"').append(n).append("\" ").append(t.getState()).append('\n');
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    sb.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return sb.toString();
    }

    @Test
    void hundredClientsSeeEveryEventOfFiftyConcurrentRunsInOrder() throws Exception {
        Duration length = Duration.ofSeconds(Long.getLong("floe.load.seconds", 10));
        try (RunningHost h = RunningHost.start(TestFlows.text("rel-load.yml"), dir);
                RunDriver driver = new RunDriver(h, "load", RUNS_AT_ONCE);
                RawSocketClients all = RawSocketClients.connect(h.host.server().url(), RunningHost.ADMIN, CLIENTS)) {
            List<RawSocketClients.Client> clients = all.clients();
            long began = System.nanoTime();
            int runs = driver.runFor(length);
            driver.awaitAllEnded(Duration.ofSeconds(120));
            double seconds = (System.nanoTime() - began) / 1e9;
            long last = driver.lastEventId();
            try {
                Await.until(() -> clients.stream().allMatch(c -> c.lastId() >= last || c.closedWith() != null),
                        Duration.ofSeconds(60));
            } catch (AssertionError e) {
                List<String> behind = new ArrayList<>();
                for (int i = 0; i < clients.size(); i++) {
                    if (clients.get(i).lastId() < last) {
                        behind.add("client " + i + " at " + clients.get(i).lastId());
                    }
                }
                throw new AssertionError("clients did not get all " + last + " events within 60 s of the last run's"
                        + " end: " + behind + "\nthreads of the host's event delivery and the clients:\n"
                        + threads(), e);
            }

            for (int i = 0; i < clients.size(); i++) {
                RawSocketClients.Client c = clients.get(i);
                assertThat(c.closedWith()).as("client " + i + " was closed").isNull();
                assertThat(c.gap()).as("client " + i + " missed or reordered events").isNull();
                assertThat(c.firstId()).as("client " + i + " first event").isEqualTo(1);
                assertThat(c.lastId()).as("client " + i + " last event").isEqualTo(last);
                for (String run : driver.started()) {
                    assertThat(c.sawEndOf(run)).as("client " + i + " saw the end of " + run).isTrue();
                }
            }
            assertThat(driver.endedBad()).isEmpty();
            System.out.printf("websocket load: %d runs (%d at once) in %.1f s = %.1f runs/s, %d events to each of %d"
                    + " clients = %.0f frames/s%n", runs, RUNS_AT_ONCE, seconds, runs / seconds, last, CLIENTS,
                    last * (double) CLIENTS / seconds);
        }
    }
}
