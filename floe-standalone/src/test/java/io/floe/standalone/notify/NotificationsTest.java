package io.floe.standalone.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.floe.engine.Await;
import io.floe.engine.Floe;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.spi.NodeTypes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run notifications (issue 19): a real engine runs real flows, and a receiver on 127.0.0.1 gets the notices. Back-off
 * waits are noted by a {@link RetryTimer} that retries at once, so no test sleeps through them.
 */
class NotificationsTest {
    private static final String SECRET = "s3cret-for-tests";

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final Set<HostedRef> ended = ConcurrentHashMap.newKeySet();
    private Floe floe;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aRunEndIsPostedSignedWithTheResultWhoStartedItAndALink() throws Exception {
        Receiver r = receiver();
        start("""
                common:
                  public-url: https://floe.example.com/
                  notify:
                    - url: %s
                      secret-env: FLOE_TEST_HOOK_SECRET
                flows:
                  - name: Build It
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: work, listen: trigger.good, type: exec, opts: {shell: "exit ${WANT:-0}"}}
                      - {name: done, listen: task.work.good, type: end}
                      - {name: failed, listen: task.work.bad, type: end}
                """.formatted(r.url("/hooks/floe")));
        HostedRef good = run("build-it");
        Await.until(() -> r.requests().size() == 1);
        Receiver.Request q = r.requests().get(0);

        assertThat(q.path()).isEqualTo("/hooks/floe");
        assertThat(q.header("Content-Type")).startsWith("application/json");
        assertThat(q.header("X-Floe-Signature")).isEqualTo("sha256=" + hmac(SECRET, q.body()));
        assertThat(q.header("X-Floe-Event")).isEqualTo("run-end");
        assertThat(q.text()).doesNotContain(SECRET);
        JsonObject n = JsonParser.parseString(q.text()).getAsJsonObject();
        assertThat(n.get("event").getAsString()).isEqualTo("run-end");
        assertThat(n.get("result").getAsString()).isEqualTo("good");
        assertThat(n.getAsJsonObject("flow").get("id").getAsString()).isEqualTo("build-it");
        assertThat(n.getAsJsonObject("flow").get("name").getAsString()).isEqualTo("Build It");
        assertThat(n.get("run").getAsString()).isEqualTo(good.toString());
        assertThat(n.get("host").getAsString()).isEqualTo("h1");
        assertThat(n.getAsJsonObject("startedBy").get("kind").getAsString()).isEqualTo("user");
        assertThat(n.getAsJsonObject("startedBy").get("name").getAsString()).isEqualTo("alice");
        assertThat(n.get("started").getAsString()).isNotEmpty();
        assertThat(n.get("ended").getAsString()).isNotEmpty();
        assertThat(n.get("reason").getAsString()).contains("done");
        assertThat(n.get("link").getAsString())
                .isEqualTo("https://floe.example.com/app/flows/build-it/runs/" + good);
        assertThat(waits).isEmpty();
    }

    @Test
    void aBadRunAndACancelledOneSayWhichTheyAre() throws Exception {
        Receiver r = receiver();
        start("""
                common:
                  notify: [{url: %s}]
                flows:
                  - id: f
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: work, listen: trigger.good, type: exec, opts: {cmd: "false"}}
                      - {name: failed, listen: task.work.bad, type: end}
                  - id: g
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: wait, listen: trigger.good, type: data, opts: {form: {fields: [{id: a, type: text}]}}}
                """.formatted(r.url("/")));
        HostedRef bad = run("f");
        Await.until(() -> r.requests().size() == 1);
        JsonObject n = JsonParser.parseString(r.requests().get(0).text()).getAsJsonObject();
        assertThat(n.get("result").getAsString()).isEqualTo("bad");
        assertThat(n.get("run").getAsString()).isEqualTo(bad.toString());
        assertThat(n.get("link").getAsString()).isEmpty(); // no public-url: no link rather than a wrong one
        assertThat(r.requests().get(0).header("X-Floe-Signature")).isNull(); // no secret configured

        HostedRef cancelled = run("g");
        floe.cancel(cancelled, "by alice").join();
        Await.until(() -> r.requests().size() == 2);
        n = JsonParser.parseString(r.requests().get(1).text()).getAsJsonObject();
        assertThat(n.get("run").getAsString()).isEqualTo(cancelled.toString());
        assertThat(n.get("result").getAsString()).isEqualTo("cancelled");
        assertThat(n.get("reason").getAsString()).contains("by alice");
    }

    @Test
    void aReceiverThatAnswers500IsTriedAgainWithGrowingWaitsUntilItTakesTheNotice() throws Exception {
        Receiver r = receiver(500, 503, 429);
        start(endingFlow(r.url("/"), "secret-env: FLOE_TEST_HOOK_SECRET"));
        run("f");
        Await.until(() -> r.requests().size() == 4);
        List<Receiver.Request> tries = r.requests();
        for (Receiver.Request q : tries) {
            assertThat(q.body()).isEqualTo(tries.get(0).body());
            assertThat(q.header("X-Floe-Signature")).isEqualTo("sha256=" + hmac(SECRET, q.body()));
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void aReceiverThatKeepsFailingIsTriedFiveTimesInAll() throws Exception {
        Receiver r = receiver(500, 500, 500, 500, 500, 500, 500);
        start(endingFlow(r.url("/"), ""));
        run("f");
        Await.until(() -> r.requests().size() == 5);
        Await.until(() -> waits.size() == 4);
        // a second run's notice is the next request: the first was given up after its fifth try
        r.allowOk();
        HostedRef second = run("f");
        Await.until(() -> r.requests().size() == 6);
        assertThat(r.requests().get(5).text()).contains("\"run\":\"" + second + "\"");
        assertThat(waits).hasSize(4);
    }

    @Test
    void aReceiverThatNeverAnswersHoldsUpNoRun() throws Exception {
        ServerSocket dead = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(dead);
        List<Socket> held = Collections.synchronizedList(new ArrayList<>());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(dead.accept()); // accepted, never read, never answered
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        open.add(() -> held.forEach(s -> {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }));
        start(endingFlow("http://127.0.0.1:" + dead.getLocalPort() + "/", ""),
                new DeliveryPolicy(5, Duration.ofSeconds(1), Duration.ofHours(1), 200));
        HostedRef first = run("f");
        Await.until(() -> held.size() == 1 && ended.contains(first));
        // the receiver still holds the first notice; more runs start, run and end regardless
        HostedRef second = run("f");
        HostedRef third = run("f");
        Await.until(() -> ended.containsAll(List.of(second, third)));
        assertThat(held.get(0).isClosed()).isFalse();
        assertThat(waits).isEmpty(); // nothing failed yet: the first request is still waiting for its answer
    }

    @Test
    void slackFormatSendsATextLineWithTheLink() throws Exception {
        Receiver r = receiver();
        start("""
                common:
                  public-url: http://floe.example.com
                  notify: [{url: %s, format: slack}]
                flows:
                  - id: deploy
                    name: Deploy <prod>
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: done, listen: trigger.good, type: end}
                """.formatted(r.url("/slack")));
        HostedRef run = run("deploy");
        Await.until(() -> r.requests().size() == 1);
        JsonObject body = JsonParser.parseString(r.requests().get(0).text()).getAsJsonObject();
        assertThat(body.keySet()).containsExactly("text");
        assertThat(body.get("text").getAsString()).isEqualTo("floe: Deploy &lt;prod&gt; run <http://floe.example.com"
                + "/app/flows/deploy/runs/" + run + "|" + run + "> ended good (started by user alice)");
    }

    @Test
    void aDataNodeWaitingIsToldOnceToTheFlowsReceiverThatAskedAndTheEndToTheOther() throws Exception {
        Receiver r = receiver();
        start("""
                common:
                  public-url: http://floe.example.com
                  notify: [{url: %1$s}]
                flows:
                  - id: release
                    notify:
                      - {url: %2$s, events: [data-waiting]}
                    triggers: [{name: go, type: data}]
                    tasks:
                      - name: Sign Off
                        listen: trigger.good
                        type: data
                        opts:
                          form:
                            fields:
                              - {id: who, prompt: Who, type: text}
                              - {id: why, prompt: Why, type: text}
                      - {name: done, listen: task.sign-off.good, type: end}
                """.formatted(r.url("/ends"), r.url("/waits")));
        HostedRef run = run("release");
        Await.until(() -> r.requests().size() == 1);
        Receiver.Request wait = r.requests().get(0);
        assertThat(wait.path()).isEqualTo("/waits");
        JsonObject n = JsonParser.parseString(wait.text()).getAsJsonObject();
        assertThat(n.get("event").getAsString()).isEqualTo("data-waiting");
        assertThat(n.get("result").getAsString()).isEmpty();
        assertThat(n.getAsJsonObject("node").get("id").getAsString()).isEqualTo("sign-off");
        assertThat(n.getAsJsonObject("node").get("name").getAsString()).isEqualTo("Sign Off");
        assertThat(n.get("link").getAsString()).isEqualTo("http://floe.example.com/app/flows/release/runs/" + run);

        floe.supplyData(run, "sign-off", Map.of("who", "bob")).join(); // half a form: still waiting, not told again
        floe.supplyData(run, "sign-off", Map.of("who", "bob", "why", "ok")).join();
        Await.until(() -> r.requests().stream().anyMatch(q -> q.path().equals("/ends")));
        assertThat(r.requests().stream().filter(q -> q.path().equals("/waits"))).hasSize(1);
        Receiver.Request end = r.requests().stream().filter(q -> q.path().equals("/ends")).findFirst().orElseThrow();
        assertThat(end.text()).contains("\"event\":\"run-end\"", "\"result\":\"good\"");
    }

    private static String endingFlow(String url, String secretLine) {
        return """
                common:
                  notify:
                    - url: %s
                      %s
                flows:
                  - id: f
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: done, listen: trigger.good, type: end}
                """.formatted(url, secretLine);
    }

    private Receiver receiver(int... statuses) throws IOException {
        Receiver r = new Receiver(statuses);
        open.add(r);
        return r;
    }

    private void start(String yaml) throws Exception {
        start(yaml, DeliveryPolicy.DEFAULT);
    }

    private void start(String yaml, DeliveryPolicy policy) throws Exception {
        floe = Floe.builder(ConfigLoader.parse(yaml, "notify.yml", dir, null)).hostId("h1")
                .workspaceRoot(dir.resolve("ws")).types(NodeTypes.discover()).build();
        open.add(floe);
        floe.observe((Event e) -> {
            if (Tags.SYS_END_ALL.equals(e.tag())) {
                ended.add(e.runRef().run());
            }
        });
        RetryTimer atOnce = (wait, retry) -> {
            waits.add(wait);
            retry.run();
        };
        open.add(Notifier.observe(floe, policy, atOnce, Map.of("FLOE_TEST_HOOK_SECRET", SECRET)));
        floe.start();
    }

    private HostedRef run(String flowId) {
        return floe.trigger(io.floe.engine.TriggerCall.of(flowId, "go", Map.of())
                .by(io.floe.engine.run.Provenance.user("alice"))).join().pends().get(0)
                .id();
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }
}
