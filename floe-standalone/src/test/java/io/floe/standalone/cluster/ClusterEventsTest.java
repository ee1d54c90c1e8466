package io.floe.standalone.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.Floe;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.event.Event;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.json.Json;
import io.floe.engine.spi.NodeTypes;
import io.javalin.Javalin;
import io.javalin.websocket.WsConnectContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events relayed from another host's websocket. The other host here is a small websocket server of the test's own
 * (Javalin, answering the ping and serving {@code /ws}), so the test controls which events it sends and when it drops
 * the connection.
 */
class ClusterEventsTest {
    static final String TOKEN = "events-test-admin";

    @TempDir
    Path dir;
    private Javalin peer;
    private Floe floe;
    private Cluster cluster;
    private ClusterEvents events;
    private final List<WsConnectContext> connections = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (events != null) {
            events.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (floe != null) {
            floe.close();
        }
        if (peer != null) {
            peer.stop();
        }
    }

    @Test
    void eventsOfRunsTheOtherHostExecutesAreRelayedAndTheStreamFollowsTheHost() throws Exception {
        peer = server();
        peer.start("127.0.0.1", 0);
        String url = "http://127.0.0.1:" + peer.port();

        Path conf = dir.resolve("h1.yml");
        java.nio.file.Files.writeString(conf, TestCluster.yaml(List.of(url)));
        floe = Floe.builder(ConfigLoader.load(conf, NodeTypes.discover())).hostId("h1").workspaceRoot(dir.resolve("root"))
                .build();
        floe.start();
        ClusterSettings fast = ClusterSettings.DEFAULTS.withPingPeriod(Duration.ofMillis(100));
        cluster = Cluster.of(floe.config().common(), "h1", TOKEN, fast);
        List<Event> relayed = new CopyOnWriteArrayList<>();
        AtomicInteger runsEnded = new AtomicInteger();
        events = new ClusterEvents(cluster, relayed::add, runsEnded::incrementAndGet).start();
        cluster.start(floe);

        Await.until(() -> connections.size() == 1);
        WsConnectContext first = connections.get(0);
        assertThat(first.header("X-Floe-Auth")).isEqualTo(TOKEN);
        assertThat(first.queryParam("origin")).isEqualTo("peer");
        assertThat(first.queryParam("after")).isNull();
        Await.until(() -> events.connected().equals(List.of("p2")));

        first.send(Json.write(event(1, "p2", 1, "p2", "task.build.good")));
        first.send(Json.write(event(2, "h1", 7, "h1", "task.build.good"))); // h1's own run: not echoed back
        first.send(Json.write(event(3, "p2", 2, "", Tags.SYS_STATE))); // p2's pend, not yet executing anywhere
        first.send(Json.write(event(4, "h1", 8, "", Tags.SYS_STATE))); // h1's pend, as p2 relays it
        first.send(Json.write(event(5, "h1", 9, "p2", Tags.SYS_END_ALL))); // dispatched by h1, ran on p2
        Await.until(() -> relayed.size() == 3);
        assertThat(relayed).extracting(Event::id).containsExactly(1L, 3L, 5L);
        assertThat(runsEnded.get()).isEqualTo(1);

        // the other host drops the stream: it is reopened, asking for what came after the last event seen
        first.closeSession();
        Await.until(() -> connections.size() == 2);
        WsConnectContext second = connections.get(1);
        assertThat(second.queryParam("after")).isEqualTo("5");
        second.send(Json.write(event(6, "p2", 3, "p2", "task.test.good")));
        Await.until(() -> relayed.size() == 4);
        assertThat(relayed.get(3).tag()).isEqualTo("task.test.good");

        // the other host goes away: the stream is closed and not reopened until it answers again
        int port = peer.port();
        peer.stop();
        Await.until(() -> events.connected().isEmpty());
        Await.until(() -> !cluster.peers().get(0).state().online());

        // it comes back (a new process, whose event ids start again): a new stream from its live events
        peer = server();
        peer.start("127.0.0.1", port);
        Await.until(() -> connections.size() == 3);
        assertThat(connections.get(2).queryParam("after")).isNull();
        connections.get(2).send(Json.write(event(1, "p2", 4, "p2", "task.again.good")));
        Await.until(() -> relayed.size() == 5);
        assertThat(relayed.get(4).tag()).isEqualTo("task.again.good");
    }

    /** The other host: it answers pings as p2 and serves {@code /ws}, keeping each connection for the test. */
    private Javalin server() {
        Javalin j = Javalin.create(c -> c.showJavalinBanner = false);
        j.get("/build/api/p2p/config", ctx -> ctx.contentType("application/json").result(
                "{\"Message\":\"OK\",\"Payload\":{\"Config\":{\"HostID\":\"p2\",\"Online\":true,\"Tags\":[\"gpu\"]},"
                        + "\"AllHosts\":{}}}"));
        j.ws("/ws", ws -> ws.onConnect(connections::add));
        return j;
    }

    private static Event event(long id, String adoptedBy, long n, String execHost, String tag) {
        return new Event(new RunRef(new FlowRef("cluster-on-h2", 1), new HostedRef(adoptedBy, n), execHost),
                new NodeRef("task", "build"), tag, true, id, Map.of());
    }
}
