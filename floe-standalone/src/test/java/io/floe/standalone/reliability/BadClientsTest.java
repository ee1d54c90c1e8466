package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.testflows.TestFlows;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and vanishing websocket clients while runs execute (issue 6): clients that stop reading, clients that read one
 * frame at a time, and clients that keep connecting and disappearing without a close. Runs go on as fast as before
 * (the rates with and without them are printed, not asserted), every run completes, a well-behaved client misses
 * nothing, and the host stays up.
 */
class BadClientsTest {
    private static final int RUNS = 60;
    private static final int AT_ONCE = 20;

    @TempDir
    Path dir;

    @Test
    void badClientsSlowNothingDownAndStopNothing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (RunningHost h = RunningHost.start(TestFlows.text("rel-load.yml"), dir);
                RunDriver driver = new RunDriver(h, "load", AT_ONCE)) {
            String ws = "ws" + h.host.server().url().substring("http".length()) + "/ws";
            HubThreadClock hub = new HubThreadClock(h.host.floe().hostId());
            try (EventClient good = EventClient.connect(http, ws, RunningHost.ADMIN, Duration.ZERO)) {
                hub.start();
                double calm = runsPerSecond(driver);
                HubThreadClock.Reading calmHub = hub.read();

                List<Socket> stuck = new ArrayList<>();
                List<EventClient> slow = new ArrayList<>();
                AtomicBoolean going = new AtomicBoolean(true);
                AtomicInteger vanished = new AtomicInteger();
                List<String> refused = new CopyOnWriteArrayList<>();
                Thread vanishing = new Thread(() -> {
                    while (going.get()) {
                        try {
                            EventClient.connect(http, ws, RunningHost.ADMIN, Duration.ZERO).vanish();
                            vanished.incrementAndGet();
                            try (Socket s = io.floe.standalone.ws.StuckClient.open(h.api)) {
                                s.setSoLinger(true, 0); // a reset, not a close
                            }
                            vanished.incrementAndGet();
                        } catch (Exception e) {
                            if (going.get()) {
                                refused.add(e.toString());
                            }
                        }
                    }
                }, "vanishing-clients");
                double stormy;
                HubThreadClock.Reading stormyHub;
                try {
                    for (int i = 0; i < 5; i++) {
                        stuck.add(io.floe.standalone.ws.StuckClient.open(h.api));
                        slow.add(EventClient.connect(http, ws, RunningHost.ADMIN, Duration.ofMillis(20)));
                    }
                    vanishing.start();
                    hub.start();
                    stormy = runsPerSecond(driver);
                    stormyHub = hub.read();
                } finally {
                    going.set(false);
                    vanishing.join(30_000);
                    for (Socket s : stuck) {
                        s.close();
                    }
                    slow.forEach(EventClient::close);
                }

                assertThat(refused).as("websocket clients the host refused").isEmpty();
                assertThat(driver.endedBad()).isEmpty();
                assertThat(h.api.raw("GET", "/health", null).status()).isEqualTo(200);
                long last = driver.lastEventId();
                Await.until(() -> good.lastId() >= last);
                assertThat(good.closedWith()).isNull();
                assertThat(good.gap()).isNull();
                for (String run : driver.started()) {
                    assertThat(good.sawEndOf(run)).as("the good client saw the end of " + run).isTrue();
                }
                // and the host still takes new clients and runs
                try (EventClient after = EventClient.connect(http, ws, RunningHost.ADMIN, Duration.ZERO)) {
                    driver.run(1);
                    driver.awaitAllEnded(Duration.ofSeconds(60));
                    Await.until(() -> after.sawEndOf(driver.started().get(driver.started().size() - 1)));
                }
                // the routing thread's own cost per run and its waits on locks tell whether the clients slowed the
                // routing, or only took CPU from it (they run in this JVM, on the same cores)
                System.out.printf("bad websocket clients: %.1f runs/s without them, %.1f runs/s with 5 stuck, 5 slow"
                        + " and %d vanished clients; %s dropped; routing thread CPU per run %.2f ms without, %.2f ms"
                        + " with them, blocked on locks %d ms (%d times) without, %d ms (%d times) with%n", calm,
                        stormy, vanished.get(), metric(h.api, "floe_websocket_clients_dropped_total"),
                        calmHub.cpuMillis() / RUNS, stormyHub.cpuMillis() / RUNS, calmHub.blockedMillis(),
                        calmHub.blockedCount(), stormyHub.blockedMillis(), stormyHub.blockedCount());
            }
        }
    }

    /** Runs {@link #RUNS} runs, {@link #AT_ONCE} at a time, and returns how many ended per second. */
    private static double runsPerSecond(RunDriver driver) throws InterruptedException {
        long began = System.nanoTime();
        driver.run(RUNS);
        driver.awaitAllEnded(Duration.ofSeconds(120));
        return RUNS / ((System.nanoTime() - began) / 1e9);
    }

    private static String metric(Api api, String name) {
        return api.raw("GET", "/metrics", null, "Authorization", "Bearer " + RunningHost.ADMIN).body().lines()
                .filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1)).findFirst()
                .orElse("?");
    }
}
