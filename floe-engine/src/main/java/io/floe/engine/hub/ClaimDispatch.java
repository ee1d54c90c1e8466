package io.floe.engine.hub;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.NodeResult;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunResult;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.SharedRunStore;
import io.floe.engine.run.StoredRun;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pends of a cluster on a shared store: a trigger adopted here is saved as a pend that any host whose tags fit may
 * claim; this host claims pends (and runs of lost hosts) in one store transaction that also leases their resource tags
 * cluster-wide. Woken when a pend is saved or a run ends anywhere, never on a timer of its own.
 */
final class ClaimDispatch implements Dispatch {
    private static final Logger log = LoggerFactory.getLogger(ClaimDispatch.class);
    /** Runs taken per claim transaction; more are claimed in the next round of the same dispatch. */
    private static final int CLAIM_BATCH = 32;

    private final String hostId;
    private final Clock clock;
    private final SharedRunStore store;
    private final RunExecution execution;
    private final Consumer<HubInput> hub;
    private final Map<HostedRef, String> waitReasons = new ConcurrentHashMap<>(); // read by API threads
    private long counter;

    ClaimDispatch(String hostId, Clock clock, SharedRunStore store, RunExecution execution, Consumer<HubInput> hub) {
        this.hostId = hostId;
        this.clock = clock;
        this.store = store;
        this.execution = execution;
        this.hub = hub;
    }

    @Override
    public void recover(long storedCounter, List<StoredRun> pends) {
        counter = storedCounter; // pends live in the store, claimed by whichever host fits first
    }

    @Override
    public RunRecord adopt(FlowConfig flow, NodeRef trigger, Map<String, Object> opts, Turn turn) {
        counter++;
        RunRef ref = new RunRef(flow.ref(), new HostedRef(hostId, counter), "");
        RunRecord pend = new RunRecord(ref, flow, trigger, opts, RunStatus.PENDING, clock.instant(), null, null,
                false, "");
        turn.batch.counter(counter);
        turn.batch.run(pend);
        turn.emit(Event.of(ref, NodeRef.NONE, Tags.SYS_STATE, true, Map.of("action", Tags.ACTION_ADD_PEND)));
        // claimable once committed; this host looks at once rather than waiting for the store's wake-up
        turn.afterCommit(() -> hub.accept(new HubInput.Redispatch()));
        return pend;
    }

    @Override
    public void dispatch(Turn turn) {
        int taken;
        do {
            SharedRunStore.Claims claims;
            try {
                claims = store.claim(flow -> execution.conflict(flow).isEmpty(), CLAIM_BATCH, clock.instant());
            } catch (RuntimeException e) {
                // the store is unreachable or this host is fenced: the heartbeat handles both, and redispatches
                log.warn("could not claim runs from the shared store: {}", e.getMessage());
                return;
            }
            noteWaiting(claims.waiting());
            claims.claimed().forEach(c -> take(c, turn));
            taken = claims.claimed().size();
        } while (taken == CLAIM_BATCH);
    }

    private void noteWaiting(Map<HostedRef, String> waiting) {
        waitReasons.keySet().removeIf(id -> !waiting.containsKey(id));
        waiting.forEach((id, why) -> {
            if (waitReasons.put(id, why) == null) {
                log.info("run {} waits: {}", id, why); // once; the API shows the current reason
            }
        });
    }

    private void take(SharedRunStore.Claimed c, Turn turn) {
        RunRecord rec = c.run().record();
        waitReasons.remove(rec.id());
        if (c.lostHost().isPresent()) {
            log.info("taking over run {} from lost host {}", rec.id(), c.lostHost().get());
            execution.recover(c.run(), turn, NodeResult.INTERRUPTED_PREFIX + ": host " + c.lostHost().get() + " lost");
            return;
        }
        try {
            execution.activate(rec, turn);
            turn.emit(Event.of(rec.ref(), NodeRef.NONE, Tags.SYS_STATE, true,
                    Map.of("action", Tags.ACTION_REMOVE_PEND)));
        } catch (RuntimeException e) {
            String reason = "could not start on host " + hostId + ": " + e;
            log.error("run {} failed to start: {}", rec.id(), reason, e);
            turn.batch.run(rec.activated(hostId, clock.instant()).archived(clock.instant(), false, reason));
            turn.runEnded();
            turn.emit(Event.of(rec.ref(), NodeRef.NONE, Tags.SYS_ERROR, false, Map.of("error", reason)));
            turn.emit(Event.of(rec.ref(), NodeRef.NONE, Tags.SYS_END_ALL, false,
                    Map.of("reason", reason, "result", RunResult.CANCELLED.wire())));
        }
    }

    @Override
    public void offered(HubInput.Offered o, Turn turn) {
        // pends are never offered over HTTP when the store is shared
    }

    @Override
    public OfferResult offer(RunRecord pend, Turn turn) {
        return OfferResult.FAILED; // a host on a shared store claims from it; nobody offers
    }

    @Override
    public boolean cancel(HostedRef id, String reason, Turn turn) {
        Optional<RunRecord> gone = store.cancelPend(id, RunResult.cancelledBeforeStart(reason), clock.instant());
        gone.ifPresent(p -> {
            waitReasons.remove(id);
            turn.emit(Event.of(p.ref(), NodeRef.NONE, Tags.SYS_STATE, true,
                    Map.of("action", Tags.ACTION_REMOVE_PEND)));
            turn.emit(Event.of(p.ref(), NodeRef.NONE, Tags.SYS_END_ALL, false,
                    Map.of("reason", reason, "result", RunResult.CANCELLED.wire())));
        });
        return gone.isPresent();
    }

    @Override
    public Optional<String> waitReason(HostedRef id) {
        return Optional.ofNullable(waitReasons.get(id));
    }

    @Override
    public int size() {
        return waitReasons.size();
    }
}
