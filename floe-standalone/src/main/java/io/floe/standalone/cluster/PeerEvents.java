package io.floe.standalone.cluster;

import io.floe.engine.event.Event;
import io.floe.engine.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event stream of one other host: a websocket client to its {@code /ws?origin=peer} that hands on the events of
 * runs that host executes (or adopted and has not yet handed on), and reopens the stream with back-off when it drops,
 * asking for the events it missed ({@code after=<last id>}) while the host stayed up.
 */
final class PeerEvents {
    private static final Logger log = LoggerFactory.getLogger(PeerEvents.class);

    private final Peer peer;
    private final ClusterSettings settings;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Consumer<Event> sink;

    private WebSocket socket;
    private boolean wanted;
    private boolean connecting;
    private long lastId;
    private Duration backoff;
    /** Bumped on every (re)connect, so callbacks of an old socket are ignored. */
    private int generation;

    PeerEvents(Peer peer, ClusterSettings settings, HttpClient http, ScheduledExecutorService timer,
            Consumer<Event> sink) {
        this.peer = peer;
        this.settings = settings;
        this.http = http;
        this.timer = timer;
        this.sink = sink;
        this.backoff = settings.reconnectMin();
    }

    /** The host is online: open the stream unless it is open. */
    synchronized void open() {
        wanted = true;
        if (socket == null && !connecting) {
            connect();
        }
    }

    /**
     * The host went offline (or this host stops): close the stream and stop reopening it. It may come back as a new
     * process whose event ids start again, so the next stream starts from its live events.
     */
    synchronized void close() {
        wanted = false;
        generation++; // callbacks and reopenings of the old stream now do nothing
        connecting = false;
        lastId = 0;
        if (socket != null) {
            socket.abort();
            socket = null;
        }
    }

    synchronized boolean isOpen() {
        return socket != null;
    }

    private void connect() {
        connecting = true;
        int gen = ++generation;
        URI uri = peer.client().eventsUri(lastId);
        String[] auth = peer.client().authHeader();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(settings.connectTimeout());
        if (!auth[1].isEmpty()) {
            b.header(auth[0], auth[1]);
        }
        try {
            b.buildAsync(uri, new Listener(gen)).whenComplete((ws, err) -> opened(gen, ws, err));
        } catch (RuntimeException e) {
            opened(gen, null, e);
        }
    }

    private synchronized void opened(int gen, WebSocket ws, Throwable err) {
        if (gen != generation) {
            if (ws != null) {
                ws.abort();
            }
            return;
        }
        connecting = false;
        if (err != null) {
            log.debug("event stream of host {} could not be opened: {}", peer, Peer.describe(err));
            retry();
        } else {
            socket = ws;
            backoff = settings.reconnectMin();
            log.debug("event stream of host {} open", peer);
        }
    }

    /** Called with the lock held: tries again after the back-off, doubling it up to the maximum. */
    private void retry() {
        socket = null;
        if (!wanted) {
            return;
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax()
                : backoff.multipliedBy(2);
        connecting = true; // a reopen is scheduled; open() must not start a second one
        int gen = generation;
        timer.schedule(() -> {
            synchronized (this) {
                if (gen == generation && wanted) {
                    connect();
                } else if (gen == generation) {
                    connecting = false;
                }
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void dropped(int gen, String why) {
        if (gen != generation) {
            return;
        }
        log.debug("event stream of host {} closed ({}); reopening", peer, why);
        retry();
    }

    private void received(int gen, String text) {
        Event e;
        try {
            e = Json.read(text, Event.class);
        } catch (RuntimeException bad) {
            log.debug("host {} sent something that is not an event: {}", peer, text, bad);
            return;
        }
        if (e == null) {
            return;
        }
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            lastId = Math.max(lastId, e.id());
        }
        if (fromThisPeer(e)) {
            sink.accept(e);
        }
    }

    /**
     * Only the host a run executes on (or, before it executes anywhere, the host that adopted it) speaks for it, so an
     * event relayed by one host to its dashboards is never relayed back or around the cluster.
     */
    private boolean fromThisPeer(Event e) {
        String id = peer.state().hostId();
        String exec = e.runRef().execHost();
        return !id.isEmpty() && (exec.isEmpty() ? id.equals(e.runRef().run().hostId()) : id.equals(exec));
    }

    private final class Listener implements WebSocket.Listener {
        private final int gen;
        private final StringBuilder text = new StringBuilder();

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String whole = text.toString();
                text.setLength(0);
                try {
                    received(gen, whole);
                } catch (RuntimeException err) {
                    log.error("relaying an event of host {} failed", peer, err);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            dropped(gen, status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            dropped(gen, Peer.describe(error));
        }
    }
}
