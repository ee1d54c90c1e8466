package io.floe.engine.hub;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.NodeResult;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunResult;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.SharedRunStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pends of the cluster, on a shared store: a trigger adopted here is saved as a pend that any host whose tags fit may
 * claim; this host claims pends (and runs of lost hosts) in one store transaction that also leases their resource tags
 * cluster-wide. Woken by the store when there may be something for it to claim ({@link SharedRunStore#listen}), and
 * after its own pends are saved and its own runs end; never on a timer of its own.
 * <p>
 * The routing thread never waits for the store here: claims and pend cancellations run, one at a time and in the order
 * asked, on a thread of this dispatch ({@code floe-claims-<host>}), and their answers come back to the hub as inputs
 * ({@link HubInput.Claimed}, {@link HubInput.PendCancelled}). A slow or stalled database therefore delays claims, never
 * a task's end or a trigger's answer. One claim is under way at a time; asked again meanwhile, this dispatch claims
 * once more after it, with what the routing thread knows then.
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
    /** Whether this host must join the cluster again: what a claim took meanwhile is not this host's to start. */
    private final BooleanSupplier fenced;
    private final ExecutorService calls;
    private final Map<HostedRef, String> waitReasons = new ConcurrentHashMap<>(); // read by API threads
    private long counter;
    /** Store calls whose answers the routing thread has not handled yet (routing thread only). */
    private int underWay;
    private boolean claiming;
    private boolean claimAgain;

    ClaimDispatch(String hostId, Clock clock, SharedRunStore store, RunExecution execution, Consumer<HubInput> hub,
            BooleanSupplier fenced) {
        this.hostId = hostId;
        this.clock = clock;
        this.store = store;
        this.execution = execution;
        this.hub = hub;
        this.fenced = fenced;
        this.calls = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "floe-claims-" + hostId);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void recover(long storedCounter, List<StoredRun> pends) {
        counter = storedCounter; // pends live in the store, claimed by whichever host fits first
    }

    @Override
    public RunRecord adopt(FlowConfig flow, NodeRef trigger, Map<String, Object> opts, Turn turn) {
        counter++;
        RunRecord pend = Dispatch.recordPend(flow, trigger, opts, hostId, counter, clock.instant(), turn);
        // claimable once committed; this host looks at once rather than waiting for the store's wake-up
        turn.afterCommit(() -> hub.accept(new HubInput.Redispatch()));
        return pend;
    }

    /** Asks the store for the runs this host may take now; the answer comes back as {@link HubInput.Claimed}. */
    @Override
    public void dispatch(Turn turn) {
        if (claiming) {
            claimAgain = true;
            return;
        }
        if (fenced.getAsBoolean()) {
            return; // claimed again after the join
        }
        claiming = true;
        claimAgain = false;
        Predicate<FlowConfig> fits = execution.fitsNow();
        call(() -> HubInput.Claimed.of(store.claim(fits, CLAIM_BATCH, clock.instant())), HubInput.Claimed::failed);
    }

    /** Handles the answer of a store call this dispatch made off the routing thread. */
    void answered(HubInput.StoreAnswer answer, Turn turn) {
        underWay--;
        if (answer instanceof HubInput.Claimed c) {
            claimed(c, turn);
        } else if (answer instanceof HubInput.PendCancelled p) {
            pendCancelled(p, turn);
        }
    }

    private void claimed(HubInput.Claimed answer, Turn turn) {
        claiming = false;
        if (answer.failure().isPresent()) {
            // the store is unreachable or this host is fenced: the heartbeat handles both, and asks again
            log.warn("could not claim runs from the shared store: {}", answer.failure().get().getMessage());
            return;
        }
        SharedRunStore.Claims claims = answer.claims().orElseThrow();
        if (fenced.getAsBoolean()) {
            // taken under the fencing epoch this host lost: after its join they are recovered here if still its own,
            // and taken over by another host otherwise
            if (!claims.claimed().isEmpty()) {
                log.info("host {} must join the cluster again: {} runs just claimed start after the join, if still"
                        + " its own", hostId, claims.claimed().size());
            }
            hub.accept(new HubInput.Fenced());
            return;
        }
        noteWaiting(claims.waiting());
        claims.claimed().forEach(c -> take(c, turn));
        if (claimAgain || claims.claimed().size() == CLAIM_BATCH) {
            dispatch(turn);
        }
    }

    /** Runs {@code call} on this dispatch's thread and hands its answer, or its failure, to the hub. */
    private void call(Supplier<HubInput.StoreAnswer> call, Function<RuntimeException, HubInput.StoreAnswer> failed) {
        underWay++;
        try {
            calls.execute(() -> {
                HubInput.StoreAnswer answer;
                try {
                    answer = call.get();
                } catch (RuntimeException e) {
                    answer = failed.apply(e);
                } catch (Error e) {
                    answer = failed.apply(new IllegalStateException(e)); // an answer, so the hub is not left waiting
                }
                hub.accept(answer);
            });
        } catch (RejectedExecutionException e) {
            hub.accept(failed.apply(new IllegalStateException("host " + hostId + " is stopping")));
        }
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
                    Map.of("reason", reason, "result", RunResult.BAD.wire()))); // failed, nobody cancelled it
        }
    }

    /** Cancels the pend in the shared store, off the routing thread; answered in {@link #pendCancelled}. */
    @Override
    public void cancel(HubInput.Cancel request, Turn turn) {
        call(() -> new HubInput.PendCancelled(request, store.cancelPend(request.run(),
                RunResult.cancelledBeforeStart(request.reason()), clock.instant()), Optional.empty()),
                e -> new HubInput.PendCancelled(request, Optional.empty(), Optional.of(e)));
    }

    private void pendCancelled(HubInput.PendCancelled answer, Turn turn) {
        HubInput.Cancel request = answer.request();
        if (answer.cancelled().isPresent()) {
            RunRecord p = answer.cancelled().get();
            waitReasons.remove(request.run());
            turn.emit(Event.of(p.ref(), NodeRef.NONE, Tags.SYS_STATE, true,
                    Map.of("action", Tags.ACTION_REMOVE_PEND)));
            turn.emit(Event.of(p.ref(), NodeRef.NONE, Tags.SYS_END_ALL, false,
                    Map.of("reason", request.reason(), "result", RunResult.CANCELLED.wire())));
            turn.reply(request.done(), true);
        } else if (execution.cancel(request.run(), request.reason(), turn)) {
            turn.reply(request.done(), true); // claimed by this host while the cancellation was under way
        } else if (answer.failure().isPresent()) {
            turn.fail(request.done(), answer.failure().get());
        } else {
            turn.reply(request.done(), false);
        }
    }

    /**
     * Whether a store call of this dispatch is under way. A host that must join the cluster again waits for it: runs a
     * claim took under the old fencing epoch are then either recovered after the join or taken over by another host,
     * never both.
     */
    boolean callsUnderWay() {
        return underWay > 0;
    }

    @Override
    public void close() {
        calls.shutdownNow();
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
