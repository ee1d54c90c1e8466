package io.floe.engine.hub;

import io.floe.engine.run.SharedRunStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This host's place in a cluster on a shared store: renews its liveness lease (a heartbeat three times per lease),
 * declares hosts whose lease lapsed lost so their runs are taken over, holds or waits for the {@code triggers} role
 * (the one host that fires timers and polls), and wakes the hub when the store says there is something to claim. Its
 * own thread, so a slow database never delays routing or timers.
 */
final class ClusterMembership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);
    static final String TRIGGERS_ROLE = "triggers";

    private final String hostId;
    private final SharedRunStore store;
    private final Consumer<HubInput> hub;
    private final Duration beat;
    private final ScheduledExecutorService thread;
    private volatile boolean leadsTriggers;
    private volatile boolean storeReachable = true;
    private AutoCloseable subscription;

    ClusterMembership(String hostId, SharedRunStore store, Consumer<HubInput> hub, Duration lease) {
        this.hostId = hostId;
        this.store = store;
        this.hub = hub;
        this.beat = lease.dividedBy(3).isZero() ? Duration.ofMillis(100) : lease.dividedBy(3);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floe-heartbeat-" + hostId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers this host with a new fencing epoch (on start, and again after it was fenced). */
    void join(List<String> tags) {
        store.join(tags);
        log.info("host {} joined the cluster on the shared store (tags {})", hostId, tags);
    }

    /** Starts the heartbeat and the store's wake-ups. */
    synchronized void start() {
        subscription = store.listen(() -> hub.accept(new HubInput.Redispatch()));
        thread.scheduleWithFixedDelay(this::beat, 0, beat.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean leadsTriggers() {
        return leadsTriggers;
    }

    private void beat() {
        try {
            if (!store.renew()) {
                leadsTriggers = false;
                hub.accept(new HubInput.Fenced());
                return;
            }
            List<String> lost = store.reapLostHosts();
            if (!lost.isEmpty()) {
                log.warn("hosts {} stopped renewing their lease: their runs go to hosts whose tags fit", lost);
            }
            boolean leads = store.lead(TRIGGERS_ROLE);
            if (leads != leadsTriggers) {
                log.info(leads ? "host {} now fires the cluster's timers and polls"
                        : "host {} no longer fires the cluster's timers and polls", hostId);
                leadsTriggers = leads;
            }
            if (!storeReachable) {
                log.info("the shared store is reachable again");
                storeReachable = true;
            }
            // a safety net for a missed wake-up: pends that fit here are claimed within one beat at worst
            hub.accept(new HubInput.Redispatch());
        } catch (RuntimeException e) {
            leadsTriggers = false;
            if (storeReachable) {
                log.error("heartbeat to the shared store failed (retrying every {} ms): {}", beat.toMillis(),
                        e.getMessage());
                storeReachable = false;
            }
        }
    }

    @Override
    public synchronized void close() {
        thread.shutdownNow();
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.debug("closing the store's wake-ups failed", e);
            }
        }
    }
}
