package io.floe.standalone.cluster;

import io.floe.engine.event.Event;
import io.floe.engine.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A websocket client on a host's {@code /ws}, as a dashboard (with the admin token) would follow it. */
final class Dashboard implements AutoCloseable {
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    Dashboard(String hostUrl) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().header("X-Floe-Auth", TestCluster.ADMIN)
                .buildAsync(URI.create(hostUrl.replace("http://", "ws://") + "/ws"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            events.add(Json.read(text.toString(), Event.class));
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /** How many events of run {@code run} with tag {@code tag} arrived. */
    long count(String run, String tag) {
        return events.stream().filter(e -> e.runRef().run().toString().equals(run) && e.tag().equals(tag)).count();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
