package io.floe.engine.hub;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the hub needs of either way pends become runs, whichever the configuration chose: {@link OfferDispatch} (a
 * host-owned store: this host keeps its pends, starts them here or offers them to the hosts of {@code common.hosts}
 * over HTTP, as the original floe does) or {@link ClaimDispatch} (a shared store: pends live in the database, and each
 * host claims the runs it may run; this is the cluster). What only one of them does is on that class alone, and the
 * hub reaches it only for the inputs that mechanism produces.
 * <p>
 * Called only on the hub's routing thread, which it never makes wait on another host or a database: such calls run on
 * a thread of the dispatch, and their answers come back as inputs ({@link HubInput.Offered},
 * {@link HubInput.StoreAnswer}).
 */
sealed interface Dispatch permits OfferDispatch, ClaimDispatch {
    /** Takes the run counter and (for a host-owned store) the pends saved before a restart. */
    void recover(long storedCounter, List<StoredRun> pends);

    /** Adopts a trigger: a new run id, a pend recorded (in this turn) with the flow definition it will run. */
    RunRecord adopt(FlowConfig flow, NodeRef trigger, Map<String, Object> opts, Turn turn);

    /** Starts every pend that can start here now (or has it claimed or offered). */
    void dispatch(Turn turn);

    /**
     * Cancels a pend before it started, answering the request (false if no such pend waits): in this turn, or in a
     * later one once the other host or the shared store answered.
     */
    void cancel(HubInput.Cancel request, Turn turn);

    /** Stops the threads of this dispatch and fails what still waits for one of its calls. */
    void close();

    /** Why a pend waits, or empty. */
    Optional<String> waitReason(HostedRef id);

    /** How many pends wait (that this host knows of). */
    int size();

    /**
     * Records a new pend of {@code flow} as run {@code number} of {@code hostId} in {@code turn}: the host's run counter,
     * the pend's row and the event that adds it to every list. The one way both kinds of dispatch adopt.
     */
    static RunRecord recordPend(FlowConfig flow, NodeRef trigger, Map<String, Object> opts, String hostId, long number,
            Instant adopted, Turn turn) {
        RunRef ref = new RunRef(flow.ref(), new HostedRef(hostId, number), "");
        RunRecord pend = new RunRecord(ref, flow, trigger, opts, RunStatus.PENDING, adopted, null, null, false, "");
        turn.batch.counter(number);
        turn.batch.run(pend);
        turn.emit(Event.of(ref, NodeRef.NONE, Tags.SYS_STATE, true, Map.of("action", Tags.ACTION_ADD_PEND)));
        return pend;
    }
}
