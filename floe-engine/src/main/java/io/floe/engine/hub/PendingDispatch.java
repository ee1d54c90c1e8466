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
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pends: adopting triggers into pends with this host's run counter, and starting each pend as soon as nothing
 * conflicts with it (floe-spec §4.2–§4.4). Event-driven: called when a pend arrives and when a run ends, never on a
 * timer. Runs only on the hub's routing thread.
 */
final class PendingDispatch {
    private static final Logger log = LoggerFactory.getLogger(PendingDispatch.class);

    private final String hostId;
    private final Clock clock;
    private final RunExecution execution;
    private final Map<HostedRef, RunRecord> pending = new LinkedHashMap<>();
    private long counter;

    PendingDispatch(String hostId, Clock clock, RunExecution execution) {
        this.hostId = hostId;
        this.clock = clock;
        this.execution = execution;
    }

    void recover(long storedCounter, List<StoredRun> pends) {
        counter = storedCounter;
        for (StoredRun p : pends) {
            pending.put(p.record().id(), p.record());
        }
    }

    /** Adopts a trigger: a new run id, a pend recorded with the flow definition it will run. */
    RunRecord adopt(FlowConfig flow, NodeRef trigger, Map<String, Object> opts, Turn turn) {
        counter++;
        RunRef ref = new RunRef(flow.ref(), new HostedRef(hostId, counter), "");
        RunRecord pend = new RunRecord(ref, flow, trigger, opts, RunStatus.PENDING, clock.instant(), null, null,
                false, "");
        pending.put(pend.id(), pend);
        turn.batch.counter(counter);
        turn.batch.run(pend);
        turn.emit(state(ref, Tags.ACTION_ADD_PEND));
        return pend;
    }

    /** Starts every pend that can start now, oldest first. */
    void dispatch(Turn turn) {
        for (RunRecord pend : new ArrayList<>(pending.values())) {
            Optional<String> conflict = execution.conflict(pend.flow());
            if (conflict.isPresent()) {
                log.debug("run {} waits: {}", pend.id(), conflict.get());
                continue;
            }
            start(pend, turn);
        }
    }

    /** Starts a pend offered by another host (or this one), unless it conflicts with a run active here. */
    OfferResult offer(RunRecord pend, Turn turn) {
        if (execution.conflict(pend.flow()).isPresent()) {
            return OfferResult.CONFLICT;
        }
        pending.put(pend.id(), pend);
        return start(pend, turn) ? OfferResult.STARTED : OfferResult.FAILED;
    }

    /** Cancels a pend before it started: it is archived as bad. False if no such pend is waiting here. */
    boolean cancel(HostedRef id, String reason, Turn turn) {
        RunRecord pend = pending.remove(id);
        if (pend == null) {
            return false;
        }
        RunRecord ended = pend.archived(clock.instant(), false, "cancelled before it started: " + reason);
        turn.batch.run(ended);
        turn.emit(state(pend.ref(), Tags.ACTION_REMOVE_PEND));
        turn.emit(Event.of(pend.ref(), NodeRef.NONE, Tags.SYS_END_ALL, false, Map.of("reason", reason)));
        return true;
    }

    int size() {
        return pending.size();
    }

    private boolean start(RunRecord pend, Turn turn) {
        pending.remove(pend.id());
        try {
            execution.activate(pend, turn);
            turn.emit(state(pend.ref(), Tags.ACTION_REMOVE_PEND));
            return true;
        } catch (IOException | RuntimeException e) {
            // a run whose workspace can not be made fails on its own; it never blocks the pends behind it
            String reason = "could not prepare the workspace: " + e.getMessage();
            log.error("run {} failed to start: {}", pend.id(), reason, e);
            turn.batch.run(pend.archived(clock.instant(), false, reason));
            turn.emit(state(pend.ref(), Tags.ACTION_REMOVE_PEND));
            turn.emit(Event.of(pend.ref(), NodeRef.NONE, Tags.SYS_ERROR, false, Map.of("error", reason)));
            turn.emit(Event.of(pend.ref(), NodeRef.NONE, Tags.SYS_END_ALL, false, Map.of("reason", reason)));
            return false;
        }
    }

    private static Event state(RunRef ref, String action) {
        return Event.of(ref, NodeRef.NONE, Tags.SYS_STATE, true, Map.of("action", action));
    }
}
