package io.floe.standalone.cluster;

import io.floe.engine.Floe;
import io.floe.engine.config.CommonConfig;
import io.floe.engine.config.HostTags;
import io.floe.engine.event.Event;
import io.floe.standalone.api.P2pRoutes;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other hosts of this host's cluster ({@code common.hosts}), with what is known of each: id, tags, online. It
 * pings every host at once on {@link #start} and then every ping period (floe-spec §4.3 pinged first after 10 s). A
 * host that fails a ping or a call is offline and skipped until it answers again (fix of §8.30); when one comes online,
 * or after a round while pends wait, the hub is asked to look at its pends again. The list may name this host too: it
 * is recognised by the id it answers with and never offered anything.
 */
public final class Cluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    private final String hostId;
    private final String adminToken;
    private final List<Peer> peers;
    private final ClusterSettings settings;
    /** Made when the first peer needs it: a host without peers never calls out, and building a client loads the TLS
     * stack and its trust store (a tenth of a host's start, docs/BENCHMARKS.md figure 12). */
    private HttpClient http;
    private final List<Consumer<Peer>> onChange = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService pinger;
    private final ExecutorService calls;
    private final List<AutoCloseable> parts = new CopyOnWriteArrayList<>();
    private volatile Floe floe;

    private Cluster(String hostId, List<String> entries, String base, String adminToken, ClusterSettings settings) {
        this.hostId = hostId;
        this.adminToken = adminToken;
        this.settings = settings;
        this.calls = Executors.newCachedThreadPool(named("floe-cluster-http-" + hostId + "-"));
        List<Peer> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String e : entries) {
            HostClient c = new HostClient(e, base, adminToken, http(), settings.requestTimeout());
            if (seen.add(c.entry())) {
                list.add(new Peer(c, hostId));
            }
        }
        this.peers = List.copyOf(list);
        this.pinger = Executors.newSingleThreadScheduledExecutor(named("floe-cluster-ping-" + hostId + "-"));
    }

    /** Daemon threads named for this host, so a thread dump says whose cluster calls they are. */
    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * The cluster that {@code common.hosts} names, seen from host {@code hostId}; the calls use the config's base url
     * and the admin token (every host of a cluster must be started with the same {@code -admin}).
     */
    public static Cluster of(CommonConfig common, String hostId, String adminToken, ClusterSettings settings) {
        return new Cluster(hostId, common.hosts(), common.effectiveBaseUrl(), adminToken == null ? "" : adminToken,
                settings);
    }

    /** Whether any other host is configured; without one the host runs alone. */
    public boolean hasPeers() {
        return !peers.isEmpty();
    }

    public String hostId() {
        return hostId;
    }

    public ClusterSettings settings() {
        return settings;
    }

    public synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).executor(calls).build();
        }
        return http;
    }

    /** The threads that handle answers of other hosts (named for this host, unlike the JDK's own). */
    public Executor executor() {
        return calls;
    }

    /** Starts pinging: a round now, then one every ping period. Pends are looked at again as hosts come online. */
    public void start(Floe host) {
        this.floe = host;
        if (peers.isEmpty()) {
            return;
        }
        if (adminToken.isEmpty()) {
            log.error("common.hosts lists {} hosts but this host was started without -admin: the other hosts will "
                    + "refuse its calls (401). Start every host of the cluster with the same -admin=TOKEN",
                    peers.size());
        }
        onChange(p -> {
            if (p.state().online()) {
                host.redispatch();
            }
        });
        log.info("host {} pings the {} entries of common.hosts every {} ms", hostId, peers.size(),
                settings.pingPeriod().toMillis());
        long period = settings.pingPeriod().toMillis();
        pinger.scheduleWithFixedDelay(this::pingRound, 0, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Relays the live events of runs executing on other hosts to {@code sink} (this host's websocket broadcast) until
     * the cluster is closed; see {@link ClusterEvents}. Without other hosts it does nothing.
     */
    public void relayEvents(Consumer<Event> sink) {
        if (hasPeers()) {
            parts.add(new ClusterEvents(this, sink, this::lookAgain).start());
        }
    }

    /** Called (on some thread) each time a host comes online or goes offline. */
    public void onChange(Consumer<Peer> listener) {
        onChange.add(listener);
    }

    /** Every entry, in {@code hosts} order. */
    public List<Peer> peers() {
        return peers;
    }

    /** The other hosts that answer now, in {@code hosts} order, each host id once. */
    public List<Peer> others() {
        List<Peer> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Peer p : peers) {
            PeerState s = p.state();
            if (s.usable() && !s.hostId().equals(hostId) && ids.add(s.hostId())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The other hosts that answer now and whose tags include every one of {@code hostTags}, in order. */
    public List<Peer> candidates(List<String> hostTags) {
        return others().stream().filter(p -> HostTags.satisfy(p.state().tags(), hostTags)).toList();
    }

    /** The other host with id {@code id}, if it answers now. */
    public Optional<Peer> online(String id) {
        return others().stream().filter(p -> p.state().hostId().equals(id)).findFirst();
    }

    /** A call to {@code peer} failed in transport: it is offline until its next answer. */
    public void unreachable(Peer peer, Throwable error) {
        if (peer.failed(error)) {
            changed(peer);
        }
    }

    /**
     * The hosts as {@code GET <base>/p2p/config} shows them ({@code AllHosts}), keyed by host id; a host never reached
     * is keyed by its address (the original put them all under {@code ""}).
     */
    public Map<String, P2pRoutes.HostInfo> allHosts() {
        Map<String, P2pRoutes.HostInfo> out = new LinkedHashMap<>();
        for (Peer p : peers) {
            PeerState s = p.state();
            String key = s.hostId().isEmpty() ? p.client().entry() : s.hostId();
            out.putIfAbsent(key, new P2pRoutes.HostInfo(s.hostId(), p.client().p2pUrl(), s.online(), s.tags()));
        }
        return out;
    }

    /** Pings every host now; completes when all have answered or timed out. */
    public CompletableFuture<Void> pingAll() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Peer p : peers) {
            all.add(p.client().ping().handleAsync((id, err) -> {
                boolean news = err == null ? p.answered(id) : p.failed(err);
                if (news) {
                    changed(p);
                }
                return null;
            }, calls));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private void pingRound() {
        try {
            pingAll().get(settings.requestTimeout().toMillis() + settings.connectTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.debug("ping round did not finish in time", e);
        }
        // pends refused by busy hosts are offered again each round (see ClusterEvents for the quicker way)
        lookAgain();
    }

    /** Asks the hub to look at its pends again, if any wait. */
    private void lookAgain() {
        Floe f = floe;
        if (f != null && f.pendingCount() > 0) {
            f.redispatch();
        }
    }

    private void changed(Peer p) {
        for (Consumer<Peer> l : onChange) {
            try {
                l.accept(p);
            } catch (RuntimeException e) {
                log.error("cluster listener failed for host {}", p, e);
            }
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        for (AutoCloseable p : parts) {
            try {
                p.close();
            } catch (Exception e) {
                log.warn("closing {} failed", p, e);
            }
        }
        onChange.clear();
        calls.shutdownNow();
    }
}
