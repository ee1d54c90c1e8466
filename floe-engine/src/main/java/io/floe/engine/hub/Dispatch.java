package io.floe.engine.hub;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.StoredRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How pends become runs on a host: {@link PendingDispatch} keeps this host's pends and starts them here or offers
 * them to peers; {@link ClaimDispatch} saves pends to a shared store and claims from it the runs this host may run.
 * Called only on the hub's routing thread, which it never makes wait on a database: a shared store is called from a
 * thread of the dispatch, and its answers come back as {@link HubInput.StoreAnswer inputs}.
 */
interface Dispatch {
    /** Takes the run counter and (for a host-owned store) the pends saved before a restart. */
    void recover(long storedCounter, List<StoredRun> pends);

    /** Adopts a trigger: a new run id, a pend recorded (in this turn) with the flow definition it will run. */
    RunRecord adopt(FlowConfig flow, NodeRef trigger, Map<String, Object> opts, Turn turn);

    /**
     * Forgets a pend adopted in a turn the store could not save (it never existed for anyone outside the hub). Only a
     * dispatch that keeps pends in memory has anything to forget.
     */
    default void unadopt(HostedRef id) {}

    /** Starts every pend that can start here now. */
    void dispatch(Turn turn);

    /** The answer to an offer of a pend to other hosts. */
    void offered(HubInput.Offered o, Turn turn);

    /** Starts a pend adopted elsewhere that another host offers to this one. */
    OfferResult offer(RunRecord pend, Turn turn);

    /**
     * Cancels a pend before it started, answering the request (false if no such pend waits): in this turn, or in a
     * later one once the shared store answered (then a run that became active here meanwhile is cancelled instead).
     */
    void cancel(HubInput.Cancel request, Turn turn);

    /**
     * Keeps {@code request} (about run {@code run}) until the answer to an offer of that pend to another host is in,
     * and does it then: true when such an offer is in flight. Without one, false: the caller does it now.
     */
    default boolean afterOffer(HostedRef run, java.util.function.Consumer<Turn> request) {
        return false;
    }

    /** Handles the answer of a store call this dispatch made off the routing thread. */
    void answered(HubInput.StoreAnswer answer, Turn turn);

    /**
     * Whether a store call of this dispatch is under way. A host that must join the cluster again waits for it: runs a
     * claim took under the old fencing epoch are then either recovered after the join or taken over by another host,
     * never both.
     */
    boolean callsUnderWay();

    /** Stops the threads of this dispatch, if it has any. */
    default void close() {}

    /** Why a pend waits, or empty. */
    Optional<String> waitReason(HostedRef id);

    /** How many pends wait (that this host knows of). */
    int size();
}
