package io.floe.engine.spi;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.StoredRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A run store shared by every host of a cluster, which is also the cluster's coordination point: pends are claimed
 * from it, resource tags are leased in it, host liveness is a lease in it, and it wakes hosts when there is something
 * to claim. One instance belongs to one host ({@link StoreSettings#hostId()}).
 * <p>
 * On top of the {@link RunStore} contract:
 * <ul>
 * <li>{@link #commit} is fenced: it throws {@link FencedException} (writing nothing) unless this host joined and its
 * lease has not lapsed; a batch that archives a run releases the run's resource tags and wakes the cluster; a batch
 * that saves a pend wakes the cluster.</li>
 * <li>{@link #recover} gives this host's run counter, no pends (they are claimed), and the runs active on this host.
 * It is called after {@link #join}.</li>
 * <li>{@link #list}, {@link #find}, {@link #state} and {@link #logs} see the whole cluster.</li>
 * </ul>
 */
public interface SharedRunStore extends RunStore {

    /** A run this host now owns: a pend to activate, or an active run of a lost host to take over. */
    record Claimed(StoredRun run, Optional<String> lostHost) {}

    /** What a claim took, and why each pend this host could run still waits (e.g. "resource tag db is held by run h1-3"). */
    record Claims(List<Claimed> claimed, Map<HostedRef, String> waiting) {
        public Claims {
            claimed = List.copyOf(claimed);
            waiting = Map.copyOf(waiting);
        }
    }

    /**
     * Registers this host as alive with a new fencing epoch and a lease of {@link StoreSettings#hostLease()}. Runs still
     * recorded as active on this host stay this host's (see {@link #recover}).
     */
    void join(List<String> hostTags);

    /**
     * Renews this host's lease (a heartbeat). False when the host was fenced (its lease lapsed): it must stop its tasks,
     * forget its runs without writing, and join again.
     */
    boolean renew();

    /**
     * Declares every other host whose lease lapsed lost: its epoch changes so nothing it still writes is accepted, and
     * its active runs become orphans, which {@link #claim} hands to a host whose tags fit. Safe to call from every host
     * at once: each lost host is declared by one.
     *
     * @return the hosts this call declared lost
     */
    List<String> reapLostHosts();

    /**
     * In one transaction: takes, oldest first, pends and orphaned runs whose flow {@code fits} this host (host-tags,
     * workspace) and whose resource tags no other active run of the cluster holds; records each as active on this
     * host with its resource tags leased to it. Pends other hosts are claiming at the same moment are skipped, not
     * waited for.
     *
     * @param max at most this many runs
     */
    Claims claim(Predicate<FlowConfig> fits, int max, Instant now);

    /**
     * Cancels a pend of any host if it is still pending: archives it bad with {@code reason}. Empty when it is not
     * pending (claimed, ended, unknown).
     */
    Optional<RunRecord> cancelPend(HostedRef run, String reason, Instant now);

    /**
     * Calls {@code wake} (from another thread) when this host may have something new to claim: another host saved a
     * pend this host may run (a store may wake only a few of the hosts that fit, as the host that saved it claims it
     * itself if it can), a run that held resource tags ended, runs were orphaned or a pend was cancelled; possibly
     * more often. A host claims again by itself when its own runs end and after it saved pends.
     *
     * @return closes the subscription
     */
    AutoCloseable listen(Runnable wake);

    /**
     * Holds or takes the cluster-wide role {@code role} (e.g. {@code triggers}: the one host that fires timers and
     * polls) for one host lease. True while this host holds it; another host takes it only after it lapsed.
     */
    boolean lead(String role);

    /** The hosts of the cluster with their tags and whether their lease is current, for the API. */
    List<ClusterHost> hosts();

    /** One host as the shared store knows it. */
    record ClusterHost(String hostId, List<String> tags, boolean alive, Instant leaseUntil) {
        public ClusterHost {
            tags = List.copyOf(tags);
        }
    }
}
