package io.floe.standalone.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.testflows.TestFlows;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live event stream {@code /ws} of a real host, used as the dashboard and scripts use it. */
class EventSocketTest {
    @TempDir
    Path dir;
    private RunningHost h;
    private Api api;
    private String ws;

    @BeforeEach
    void start() throws Exception {
        h = RunningHost.start(TestFlows.text("web-events.yml"), dir);
        api = h.api;
        ws = "ws" + h.host.server().url().substring("http".length()) + "/ws";
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void anUpgradeWithoutLoginIsRefused() throws Exception {
        assertThat(LiveClient.refusal(ws)).isEqualTo(401);
        assertThat(LiveClient.refusal(ws, "X-Floe-Auth", "not-a-session")).isEqualTo(401);
        assertThat(LiveClient.refusal(ws, "Cookie", "floe-sesh=0123456789abcdef", "Origin", api.url))
                .isEqualTo(401);
    }

    @Test
    void aBrowserFromAnotherOriginIsRefused() throws Exception {
        String cookie = "floe-sesh=" + login();
        assertThat(LiveClient.refusal(ws, "Cookie", cookie, "Origin", "http://evil.example")).isEqualTo(403);
        int port = URI.create(api.url).getPort();
        assertThat(LiveClient.refusal(ws, "Cookie", cookie, "Origin", "http://127.0.0.1:" + (port + 1)))
                .isEqualTo(403);
        assertThat(LiveClient.refusal(ws, "Cookie", cookie, "Origin", "https://127.0.0.1:" + port)).isEqualTo(403);
        // a browser always sends its Origin; a session cookie without one is not trusted
        assertThat(LiveClient.refusal(ws, "Cookie", cookie)).isEqualTo(403);
        // even the admin token does not make a foreign page's Origin acceptable
        assertThat(LiveClient.refusal(ws, "X-Floe-Auth", RunningHost.ADMIN, "Origin", "http://evil.example"))
                .isEqualTo(403);
    }

    @Test
    void aScriptWithTheAdminTokenNeedsNoOrigin() throws Exception {
        try (LiveClient c = LiveClient.connect(ws, "X-Floe-Auth", RunningHost.ADMIN)) {
            String run = trigger("web-echo");
            Await.until(() -> c.has(end(run)));
        }
    }

    @Test
    void aBrowserSessionGetsEveryEventOfARunInOrder() throws Exception {
        String cookie = "floe-sesh=" + login();
        try (LiveClient c = LiveClient.connect(ws, "Cookie", cookie, "Origin", api.url)) {
            // what the dashboard sends on open is read and ignored
            c.sendText("Message to send");
            // the upgrade's answer can reach the client before the host has added it to its broadcast
            Await.until(() -> metric("floe_websocket_clients") == 1);
            String run = trigger("web-echo");
            Await.until(() -> c.has(end(run)));
            List<JsonObject> events = c.events();
            assertConsecutive(events);
            List<String> tags = events.stream().filter(e -> LiveClient.run(e).equals(run)).map(LiveClient::tag)
                    .toList();
            assertThat(tags).containsSubsequence("sys.state", "trigger.good", "sys.node.start", "sys.node.update",
                    "task.say.good", "sys.end.all");
            assertThat(events).anyMatch(e -> LiveClient.tag(e).equals("inbound.data"));
            JsonObject line = events.stream().filter(e -> LiveClient.tag(e).equals("sys.node.update")
                    && e.getAsJsonObject("Opts").get("update").getAsString().equals("two")).findFirst().orElseThrow();
            // the original's JSON shape (floe-spec §3.1)
            assertThat(line.keySet()).containsExactly("RunRef", "SourceNode", "Tag", "Good", "ID", "Opts");
            assertThat(line.getAsJsonObject("SourceNode").get("ID").getAsString()).isEqualTo("say");
            assertThat(line.getAsJsonObject("RunRef").get("ExecHost").getAsString()).isEqualTo("hi1");
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileOthersGetEverythingAndRunsComplete() throws Exception {
        try (Socket stuck = stuckClient(); LiveClient good = LiveClient.connect(ws, "X-Floe-Auth", RunningHost.ADMIN)) {
            Await.until(() -> metric("floe_websocket_clients") == 2);
            String run = trigger("web-chatty");
            // 20,000 events of 1 KB in a burst; deadlines, not a speed test
            awaitOrSay(() -> good.has(end(run)), Duration.ofSeconds(120), () -> "the reading client has not seen the"
                    + " run's end: " + good.events().size() + " events, closed: " + good.closedWith());
            // the stuck one goes when it overflows its queue or its writes stall (SocketLimits.writeTimeout)
            awaitOrSay(() -> metric("floe_websocket_clients_dropped_total") >= 1, Duration.ofSeconds(60),
                    () -> "the client that stopped reading was not dropped");

            assertThat(good.closedWith()).as("the reading client was closed").isNull();
            assertThat(metric("floe_websocket_clients_dropped_total")).isEqualTo(1);
            assertThat(metric("floe_websocket_clients")).isEqualTo(1);
            List<JsonObject> events = good.events();
            assertConsecutive(events);
            List<String> numbers = events.stream().filter(e -> LiveClient.tag(e).equals("sys.node.update")
                    && LiveClient.run(e).equals(run)).map(e -> e.getAsJsonObject("Opts").get("update").getAsString())
                    .filter(l -> l.matches("\\d+ x{1000}")).map(l -> l.substring(0, l.indexOf(' '))).toList();
            // every output line, in order
            assertThat(numbers.size()).isEqualTo(20_000);
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).isEqualTo(String.valueOf(i + 1));
            }
            assertThat(events.stream().filter(end(run)).findFirst().orElseThrow().get("Good").getAsBoolean()).isTrue();

            // the dropped client's connection is cut: after what was already sent, it reads the end of the stream
            assertThat(readsToTheEnd(stuck)).isTrue();
            // and the host goes on serving runs and clients
            String next = trigger("web-echo");
            Await.until(() -> good.has(end(next)));
        }
    }

    @Test
    void aClientReconnectingAfterAnEventGetsWhatItMissed() throws Exception {
        List<JsonObject> first;
        try (LiveClient c = LiveClient.connect(ws, "X-Floe-Auth", RunningHost.ADMIN)) {
            String run = trigger("web-echo");
            Await.until(() -> c.has(end(run)));
            first = c.events();
        }
        long seen = first.stream().filter(e -> LiveClient.tag(e).equals("trigger.good")).findFirst()
                .map(LiveClient::id).orElseThrow();
        List<Long> missed = first.stream().map(LiveClient::id).filter(id -> id > seen).toList();
        try (LiveClient again = LiveClient.connect(ws + "?after=" + seen, "X-Floe-Auth", RunningHost.ADMIN)) {
            Await.until(() -> again.events().size() >= missed.size());
            String run = trigger("web-echo");
            Await.until(() -> again.has(end(run)));
            List<JsonObject> got = again.events();
            assertThat(got.subList(0, missed.size()).stream().map(LiveClient::id).toList()).isEqualTo(missed);
            // then live, with nothing lost or repeated in between
            assertConsecutive(got);
        }
        // a host that restarted numbers from 1 again: a cursor beyond its last id gets everything kept, after a gap
        try (LiveClient restarted = LiveClient.connect(ws + "?after=999999", "X-Floe-Auth", RunningHost.ADMIN)) {
            Await.until(() -> restarted.events().size() > missed.size());
            List<JsonObject> got = restarted.events();
            assertThat(LiveClient.tag(got.get(0))).isEqualTo(EventSocket.GAP_TAG);
            assertThat(LiveClient.id(got.get(1))).isEqualTo(1);
        }
        assertThat(LiveClient.refusal(ws + "?after=yesterday", "X-Floe-Auth", RunningHost.ADMIN)).isEqualTo(400);
    }

    private static void awaitOrSay(BooleanSupplier condition, Duration timeout, Supplier<String> what)
            throws InterruptedException {
        try {
            Await.until(condition, timeout);
        } catch (AssertionError e) {
            throw new AssertionError(what.get() + " within " + timeout, e);
        }
    }

    /** Ids of the frames go up by one: no event was lost, repeated or reordered. */
    private static void assertConsecutive(List<JsonObject> events) {
        assertThat(events).isNotEmpty();
        long first = LiveClient.id(events.get(0));
        for (int i = 0; i < events.size(); i++) {
            long id = LiveClient.id(events.get(i));
            if (id != first + i) {
                throw new AssertionError("event " + i + " of " + events.size() + " has ID " + id + ", expected "
                        + (first + i));
            }
        }
    }

    private static Predicate<JsonObject> end(String run) {
        return e -> LiveClient.tag(e).equals("sys.end.all") && LiveClient.run(e).equals(run);
    }

    private String trigger(String flow) {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"start\"}}",
                Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
    }

    private String login() {
        Api.Answer login = api.post("/login", "{\"user\":\"admin\",\"password\":\"" + RunningHost.ADMIN + "\"}");
        String cookie = login.header("Set-Cookie");
        return cookie.substring("floe-sesh=".length(), cookie.indexOf(';'));
    }

    private long metric(String name) {
        Api.Answer m = api.raw("GET", "/metrics", null, "Authorization", "Bearer " + RunningHost.ADMIN);
        return m.body().lines().filter(l -> l.startsWith(name + " ")).map(l -> l.substring(name.length() + 1))
                .mapToLong(v -> (long) Double.parseDouble(v)).findFirst().orElseThrow();
    }

    /** A client that completes the upgrade and then never reads again, with a small receive window. */
    private Socket stuckClient() throws IOException {
        return StuckClient.open(api);
    }

    /** Reads until the server has closed the connection; false if it stays open for 30 s without data. */
    private static boolean readsToTheEnd(Socket s) throws IOException {
        s.setSoTimeout(30_000);
        byte[] buf = new byte[65536];
        try {
            while (s.getInputStream().read(buf) >= 0) {
                // discard what was sent before the drop
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }
}
