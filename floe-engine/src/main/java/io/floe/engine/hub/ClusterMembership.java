package io.floe.engine.hub;

import io.floe.engine.spi.SharedRunStore;
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
 * own threads, so a slow database never delays routing or timers.
 * <p>
 * A host that cannot renew its lease for two thirds of it (the database is unreachable, or this host was frozen)
 * stops its tasks before another host may take its runs over, so a task never runs on two hosts at once; it joins
 * again, and takes back what is still its own, as soon as the database answers.
 */
final class ClusterMembership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);
    static final String TRIGGERS_ROLE = "triggers";

    private final String hostId;
    private final SharedRunStore store;
    private final Consumer<HubInput> hub;
    private final Duration beat;
    private final ScheduledExecutorService thread;
    private final Duration lease;
    private volatile boolean leadsTriggers;
    /** When this host last had its triggers role confirmed by the store, in {@link System#nanoTime()}. */
    private volatile long leadConfirmedAt;
    private volatile boolean storeReachable = true;
    /** When the lease was last renewed (or joined), in {@link System#nanoTime()}. */
    private volatile long renewedAt = System.nanoTime();
    /** When the last successful renewal was asked for, in {@link System#nanoTime()}: the lease runs at least from then. */
    private volatile long leaseFrom = System.nanoTime();
    /** This host stopped its runs (fenced, or its lease nearly lapsed) and must join again. */
    private volatile boolean mustRejoin;
    private AutoCloseable subscription;

    ClusterMembership(String hostId, SharedRunStore store, Consumer<HubInput> hub, Duration lease) {
        this.hostId = hostId;
        this.store = store;
        this.hub = hub;
        this.lease = lease;
        this.beat = lease.dividedBy(3).isZero() ? Duration.ofMillis(100) : lease.dividedBy(3);
        // two threads: the watchdog must run while a heartbeat waits on an unreachable database
        this.thread = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "floe-heartbeat-" + hostId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers this host with a new fencing epoch (on start, and again after it was fenced). */
    void join(List<String> tags) {
        long asked = System.nanoTime();
        store.join(tags);
        leaseFrom = asked;
        renewedAt = System.nanoTime();
        mustRejoin = false;
        log.info("host {} joined the cluster on the shared store (tags {})", hostId, tags);
    }

    /** Starts the heartbeat and the store's wake-ups. */
    synchronized void start() {
        subscription = store.listen(() -> hub.accept(new HubInput.Redispatch()));
        thread.scheduleWithFixedDelay(this::beat, 0, beat.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::watch, beat.toMillis(), beat.toMillis() / 2 + 1, TimeUnit.MILLISECONDS);
    }

    /** Stops this host's runs before its lease can lapse, when renewing it keeps failing. */
    private void watch() {
        long silent = System.nanoTime() - renewedAt;
        if (!mustRejoin && silent > lease.toNanos() * 2 / 3) {
            log.error("host {} could not renew its lease on the shared store for {} ms (lease {} ms): stopping its "
                    + "tasks before another host takes its runs over; it joins again once the database answers",
                    hostId, TimeUnit.NANOSECONDS.toMillis(silent), lease.toMillis());
            fence();
        }
    }

    /** This host must stop its runs and join again (its lease lapsed, or a commit was refused). */
    void fence() {
        mustRejoin = true;
        leadsTriggers = false;
        hub.accept(new HubInput.Fenced());
    }

    /**
     * Whether this host still vouches for its tasks' processes: its lease was renewed less than half a lease ago. Their
     * guards wait a third of a lease for the next heartbeat, so a frozen host's tasks are killed within five sixths of a
     * lease of its last renewal, before another host may take its runs over (a full lease).
     */
    boolean vouchesForTasks() {
        return !mustRejoin && System.nanoTime() - leaseFrom < lease.toNanos() / 2;
    }

    /** True until a join after {@link #fence} succeeded; a fence already handled is not handled again. */
    boolean mustRejoin() {
        return mustRejoin;
    }

    /**
     * Whether this host fires timers and polls now. The role is held for one lease from its last renewal; this host
     * lets go of it a third of a lease earlier, so two hosts never fire at once while the role passes on.
     */
    boolean leadsTriggers() {
        return leadsTriggers && System.nanoTime() - leadConfirmedAt < lease.toNanos() * 2 / 3;
    }

    private void beat() {
        try {
            if (mustRejoin) {
                hub.accept(new HubInput.Fenced()); // the hub joins again (and takes back its runs) on its thread
                return;
            }
            long renewalAsked = System.nanoTime();
            if (!store.renew()) {
                fence();
                return;
            }
            leaseFrom = renewalAsked;
            renewedAt = System.nanoTime();
            List<String> lost = store.reapLostHosts();
            if (!lost.isEmpty()) {
                log.warn("hosts {} stopped renewing their lease: their runs go to hosts whose tags fit", lost);
            }
            long asked = System.nanoTime();
            boolean leads = store.lead(TRIGGERS_ROLE);
            if (leads) {
                leadConfirmedAt = asked; // the role's lease runs from (at the latest) this moment
            }
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
