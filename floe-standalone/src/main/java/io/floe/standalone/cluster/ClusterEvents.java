package io.floe.standalone.cluster;

import io.floe.engine.event.Event;
import io.floe.engine.event.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Live events of runs executing on other hosts, for this host's dashboards ("a dashboard on any host sees live events
 * of runs executing on any host"; the original's were host-local, floe-spec §8.24). For every other host online it
 * keeps a websocket client to that host's {@code /ws?origin=peer}, and hands each event of a run that host executes to
 * the sink (this host's websocket broadcast). When a host ends a run, pends that wait for a free host are offered again
 * at once rather than at the next ping round.
 */
public final class ClusterEvents implements AutoCloseable {
    private final Cluster cluster;
    private final Consumer<Event> sink;
    private final Runnable runEnded;
    private final ScheduledExecutorService timer;
    private final Map<Peer, PeerEvents> streams = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param sink     gets every relayed event, on the websocket client's thread; it must not block
     * @param runEnded called when another host ends a run (a host may have become free)
     */
    public ClusterEvents(Cluster cluster, Consumer<Event> sink, Runnable runEnded) {
        this.cluster = cluster;
        this.sink = sink;
        this.runEnded = runEnded;
        this.timer = Executors.newSingleThreadScheduledExecutor(Cluster.named("floe-cluster-events-"
                + cluster.hostId() + "-"));
    }

    /** Opens a stream to every other host online now, and follows hosts as they come and go. */
    public ClusterEvents start() {
        cluster.onChange(this::follow);
        cluster.peers().forEach(this::follow);
        return this;
    }

    /** The hosts whose streams are open now (for status pages and tests). */
    public List<String> connected() {
        return streams.entrySet().stream().filter(e -> e.getValue().isOpen()).map(e -> e.getKey().state().hostId())
                .sorted().toList();
    }

    private void follow(Peer p) {
        if (closed) {
            return;
        }
        PeerState s = p.state();
        if (s.usable() && !s.hostId().equals(cluster.hostId())) {
            streams.computeIfAbsent(p, x -> new PeerEvents(x, cluster.settings(), cluster.http(), timer,
                    this::relay)).open();
        } else {
            PeerEvents e = streams.get(p);
            if (e != null) {
                e.close();
            }
        }
    }

    private void relay(Event e) {
        sink.accept(e);
        if (Tags.SYS_END_ALL.equals(e.tag())) {
            runEnded.run();
        }
    }

    @Override
    public void close() {
        closed = true;
        streams.values().forEach(PeerEvents::close);
        timer.shutdownNow();
    }
}
