package io.floe.standalone.ws;

import io.floe.engine.Floe;
import io.floe.engine.event.Event;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Subscription;
import io.floe.engine.json.Json;
import io.floe.standalone.api.ApiException;
import io.floe.standalone.auth.AuthFilter;
import io.floe.standalone.auth.Principal;
import io.floe.standalone.auth.Role;
import io.floe.standalone.auth.SameOrigin;
import io.floe.standalone.server.RouteTable;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live event stream {@code GET /ws} (floe-spec §5.5): every event this host publishes, and every event another
 * part {@link #broadcast}s (events relayed from other hosts), goes to each client as one text frame of the event's
 * JSON, in order. The upgrade needs a viewer or above, and a browser's {@code Origin} must be this host.
 * Each event is written as JSON once and queued for every client; a few sending threads write each client's queue
 * in turns, several frames per system call. A client that falls behind or whose connection fails is dropped; it
 * never slows the hub or the other clients, and never stops the host (fix of floe-spec §8.24). A client that
 * reconnects with {@code ?after=<event id>} first gets the recent events it missed; if some are no longer kept, a
 * {@value #GAP_TAG} event says so (reload, then follow). Messages from clients are read and ignored.
 */
public final class EventSocket implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventSocket.class);
    public static final String PATH = "/ws";
    /** Sent first on a reconnect whose missed events are no longer all kept; new in floe for the JVM. */
    public static final String GAP_TAG = "sys.ws.gap";
    private static final String AFTER = "after";
    /** How often each client is pinged, so proxies keep idle connections open. */
    private static final long PING_SECONDS = 15;
    /** Client messages are ignored; refuse big ones instead of buffering them. */
    private static final long MAX_CLIENT_MESSAGE = 64 * 1024;

    private final SocketLimits limits;
    private final Object fanOut = new Object();
    private final EventRing ring;
    private final Map<String, SocketClient> clients = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledThreadPoolExecutor sending;
    private final Subscription subscription;
    private final ShownEvents shown;

    /** Starts following {@code floe}'s events with the default limits; {@link #register} serves them. */
    public EventSocket(Floe floe) {
        this(floe, SocketLimits.DEFAULT);
    }

    public EventSocket(Floe floe, SocketLimits limits) {
        this.limits = limits;
        this.shown = new ShownEvents(floe);
        this.ring = new EventRing(limits);
        this.sending = sendingThreads(Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors())));
        long watch = Math.max(100, limits.writeTimeout().toMillis() / 4);
        sending.scheduleWithFixedDelay(this::dropStuckClients, watch, watch, TimeUnit.MILLISECONDS);
        // our own pings rather than Javalin's, which wait for each write on one thread a stuck client would hold
        sending.scheduleWithFixedDelay(this::pingClients, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
        // our observer only queues (it never waits on a client), so the host's delivery to it is unbounded
        this.subscription = floe.observe(e -> fan(e, false));
    }

    /** Serves {@code /ws} on {@code app}. */
    public void register(RouteTable routes) {
        routes.ws(PATH, Role.VIEWER, this::beforeUpgrade, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> { });
            ws.onBinaryMessage(ctx -> { });
            ws.onClose(this::closed);
            ws.onError(this::failed);
        });
    }

    /** Sends an event that did not come from this host's queue (e.g. relayed from another host) to every client. */
    public void broadcast(Event event) {
        fan(event, true);
    }

    /** Clients connected now. */
    public int clientCount() {
        return clients.size();
    }

    /** Clients dropped since start because they fell behind, stopped reading or could not be written to. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Stops following the host and closes every client ("going away"). */
    @Override
    public void close() {
        subscription.close();
        for (SocketClient c : List.copyOf(clients.values())) {
            c.drop(StatusCode.SHUTDOWN, "the host is stopping");
        }
        sending.shutdown();
    }

    private void beforeUpgrade(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !SameOrigin.matches(origin, ctx.scheme(), ctx.header("Host"))) {
            throw new ApiException(403, "websocket refused: Origin " + origin + " is not this host ("
                    + SameOrigin.expected(ctx.scheme(), ctx.header("Host"))
                    + "); open the dashboard this host serves, or connect with the admin token in "
                    + AuthFilter.HEADER);
        }
        Principal p = AuthFilter.of(ctx); // the route table authenticated it
        if (origin == null && p.byCookie()) {
            throw new ApiException(403, "websocket refused: a browser session must send an Origin header");
        }
        after(ctx.queryParam(AFTER));
    }

    private void connected(WsConnectContext ctx) {
        ctx.session.setMaxTextMessageSize(MAX_CLIENT_MESSAGE);
        ctx.session.setMaxBinaryMessageSize(MAX_CLIENT_MESSAGE);
        OptionalLong after = after(ctx.queryParam(AFTER));
        String name = ctx.sessionId() + " (" + ctx.session.getRemoteAddress() + ")";
        SocketClient client = new SocketClient(ctx.session, name, limits, sending, this::dropped);
        synchronized (fanOut) {
            // replay and registration under the fan-out lock: the client sees each event once, in order
            if (after.isPresent()) {
                EventRing.Replay r = ring.since(after.getAsLong());
                List<EventFrame> frames = new ArrayList<>(r.frames().size() + 1);
                if (r.gap()) {
                    frames.add(gapFrame(after.getAsLong()));
                }
                frames.addAll(r.frames());
                client.replay(frames);
            }
            clients.put(ctx.sessionId(), client);
        }
        log.debug("websocket client {} connected{}", name, after.isPresent() ? " after event " + after.getAsLong()
                : "");
        client.start();
    }

    private void closed(WsCloseContext ctx) {
        forget(ctx);
        log.debug("websocket client {} closed: {} {}", ctx.sessionId(), ctx.status(), ctx.reason());
    }

    private void failed(WsErrorContext ctx) {
        forget(ctx);
        log.debug("websocket client {} failed: {}", ctx.sessionId(), String.valueOf(ctx.error()));
    }

    private void forget(WsContext ctx) {
        SocketClient c = clients.remove(ctx.sessionId());
        if (c != null) {
            c.closed();
        }
    }

    private void dropped(SocketClient client, String reason) {
        if (clients.values().remove(client)) {
            dropped.incrementAndGet();
            log.warn("dropped websocket client {}: {}", client.name(), reason);
        }
    }

    private void fan(Event event, boolean relayed) {
        EventFrame frame;
        try {
            frame = EventFrame.of(Json.write(shown.shown(event)));
        } catch (RuntimeException e) {
            log.error("event {} {} could not be written as JSON; websocket clients do not get it", event.id(),
                    event.tag(), e);
            return;
        }
        List<SocketClient> behind = null;
        synchronized (fanOut) {
            if (relayed) {
                ring.addRelayed(frame);
            } else {
                ring.addLocal(event.id(), frame);
            }
            // queueing is all this thread does per client; the sending threads write
            for (SocketClient c : clients.values()) {
                if (!c.offer(frame)) {
                    behind = behind == null ? new ArrayList<>() : behind;
                    behind.add(c);
                }
            }
        }
        if (behind != null) {
            for (SocketClient c : behind) {
                log.debug("websocket client {} fell behind at event {}", c.name(), event.id());
                c.drop(SocketClient.TRY_AGAIN_LATER, "fell more than " + limits.clientFrames() + " events or "
                        + limits.clientBytes() / 1_000_000 + " MB behind; reconnect with ?after=<last event ID>");
            }
        }
    }

    private static EventFrame gapFrame(long after) {
        return EventFrame.of(Json.write(Event.of(RunRef.unadopted(FlowRef.NONE), NodeRef.NONE, GAP_TAG, false,
                Map.of("after", after))));
    }

    private void dropStuckClients() {
        long now = System.nanoTime();
        for (SocketClient c : clients.values()) {
            try {
                c.dropIfStuck(now);
            } catch (RuntimeException e) {
                // an exception would end the watch for every client
                log.error("checking websocket client {} for a stalled write failed", c.name(), e);
            }
        }
    }

    private void pingClients() {
        for (SocketClient c : clients.values()) {
            c.ping();
        }
    }

    /**
     * Daemon threads that write clients' frames (and now and then look for clients that stopped reading); none ever
     * waits on a client, so a few serve any number.
     */
    private static ScheduledThreadPoolExecutor sendingThreads(int count) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(count, r -> {
            Thread t = new Thread(r, "floe-ws-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return pool;
    }

    private static OptionalLong after(String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return OptionalLong.of(id);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(400, "after must be the ID of the last event received (a number >= 0), not '"
                + value + "'");
    }
}
