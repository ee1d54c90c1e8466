package io.floe.standalone.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A client of a host's {@code /ws} on {@code java.net.http}'s websocket, as scripts connect, that keeps what the checks
 * need of every event ({@link SeenEvents}). A slow client takes one frame per {@code delay}; a quick one takes them as
 * they come.
 */
final class EventClient implements WebSocket.Listener, AutoCloseable {
    private final Duration delay;
    private final Executor later;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final SeenEvents seen = new SeenEvents();
    private WebSocket socket;

    private EventClient(Duration delay) {
        this.delay = delay;
        this.later = CompletableFuture.delayedExecutor(Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Connects with the admin token; {@code delay} zero reads as fast as frames come. */
    static EventClient connect(HttpClient http, String wsUrl, String token, Duration delay) throws Exception {
        EventClient c = new EventClient(delay);
        c.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).header("X-Floe-Auth", token)
                .buildAsync(URI.create(wsUrl), c).get(60, TimeUnit.SECONDS);
        return c;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(delay.isZero() ? Long.MAX_VALUE : 1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (this) {
            partial.append(data);
            if (last) {
                seen.record(partial.toString());
                partial.setLength(0);
            }
        }
        if (!delay.isZero()) {
            later.execute(() -> webSocket.request(1));
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error: " + error);
    }

    /** Why the host closed this client, or null while it is open. */
    String closedWith() {
        return closed.getNow(null);
    }

    long lastId() {
        return seen.lastId();
    }

    String gap() {
        return seen.gap();
    }

    boolean sawEndOf(String run) {
        return seen.sawEndOf(run);
    }

    /** Leaves without a close handshake, as a browser tab that is killed. */
    void vanish() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
