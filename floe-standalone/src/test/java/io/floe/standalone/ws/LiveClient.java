package io.floe.standalone.ws;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A websocket client of a host's {@code /ws}, as the dashboard uses it: it keeps every event it receives. */
final class LiveClient implements WebSocket.Listener, AutoCloseable {
    private final List<JsonObject> events = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> closedWith = new CompletableFuture<>();
    private WebSocket socket;

    /** Connects to {@code wsUrl} with the headers given as name, value pairs. */
    static LiveClient connect(String wsUrl, String... headers) throws Exception {
        LiveClient c = new LiveClient();
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        c.socket = b.buildAsync(URI.create(wsUrl), c).get(20, TimeUnit.SECONDS);
        return c;
    }

    /** The HTTP status of a refused upgrade. */
    static int refusal(String wsUrl, String... headers) throws Exception {
        try {
            connect(wsUrl, headers).close();
            throw new AssertionError("the websocket upgrade was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // no back-pressure from the test: take frames as fast as they come
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (this) {
            partial.append(data);
            if (last) {
                events.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
                partial.setLength(0);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith.complete("error " + error);
    }

    /** Why the host closed this client ("code reason", or the error), or null while it is open. */
    String closedWith() {
        return closedWith.getNow(null);
    }

    void sendText(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    synchronized List<JsonObject> events() {
        return List.copyOf(events);
    }

    synchronized boolean has(Predicate<JsonObject> p) {
        return events.stream().anyMatch(p);
    }

    static long id(JsonObject e) {
        return e.get("ID").getAsLong();
    }

    static String tag(JsonObject e) {
        return e.get("Tag").getAsString();
    }

    /** The run id {@code host-n} of an event, or {@code na}. */
    static String run(JsonObject e) {
        JsonObject run = e.getAsJsonObject("RunRef").getAsJsonObject("Run");
        long n = run.get("ID").getAsLong();
        return n == 0 ? "na" : run.get("HostID").getAsString() + "-" + n;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
