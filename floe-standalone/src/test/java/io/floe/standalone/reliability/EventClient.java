package io.floe.standalone.reliability;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A client of a host's {@code /ws} that keeps what the load checks need of every event: its id, in arrival order, and
 * the runs whose end it saw. A slow client takes one frame per {@code delay}; a quick one takes them as they come.
 */
final class EventClient implements WebSocket.Listener, AutoCloseable {
    private final Duration delay;
    private final Executor later;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private long[] ids = new long[1024];
    private int count;
    private final Set<String> ended = new HashSet<>();
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
                record(partial);
                partial.setLength(0);
            }
        }
        if (!delay.isZero()) {
            later.execute(() -> webSocket.request(1));
        }
        return null;
    }

    /**
     * Keeps the event's id and, for a run's end, the run. A text scan rather than a JSON parse: a hundred clients in
     * one JVM must keep up with a host's whole stream (the host writes {@code ..."Tag":…,"Good":…,"ID":n,"Opts"...}).
     */
    private void record(CharSequence frame) {
        String f = frame.toString();
        int good = f.indexOf(",\"Good\":");
        int id = f.indexOf(",\"ID\":", good);
        if (good < 0 || id < 0) {
            JsonObject e = JsonParser.parseString(f).getAsJsonObject(); // not the usual shape: read it properly
            add(e.get("ID").getAsLong(), e.get("Tag").getAsString(), e.getAsJsonObject("RunRef")
                    .getAsJsonObject("Run"));
            return;
        }
        int end = id + 6;
        while (end < f.length() && Character.isDigit(f.charAt(end))) {
            end++;
        }
        long n = Long.parseLong(f.substring(id + 6, end));
        String endTag = "\"Tag\":\"sys.end.all\"";
        boolean ended = f.regionMatches(f.lastIndexOf("\"Tag\":\"", good), endTag, 0, endTag.length());
        add(n, ended ? "sys.end.all" : "", ended ? JsonParser.parseString(f).getAsJsonObject()
                .getAsJsonObject("RunRef").getAsJsonObject("Run") : null);
    }

    private void add(long id, String tag, JsonObject run) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
        if (tag.equals("sys.end.all")) {
            ended.add(run.get("HostID").getAsString() + "-" + run.get("ID").getAsLong());
        }
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

    synchronized int count() {
        return count;
    }

    synchronized long lastId() {
        return count == 0 ? 0 : ids[count - 1];
    }

    synchronized long firstId() {
        return count == 0 ? 0 : ids[0];
    }

    synchronized boolean sawEndOf(String run) {
        return ended.contains(run);
    }

    /** Null when ids go up by one from the first to the last; else where they do not. */
    synchronized String gap() {
        for (int i = 1; i < count; i++) {
            if (ids[i] != ids[i - 1] + 1) {
                return "event " + i + " of " + count + " has ID " + ids[i] + " after " + ids[i - 1];
            }
        }
        return null;
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
