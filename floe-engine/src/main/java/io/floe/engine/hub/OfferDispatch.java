package io.floe.engine.hub;

import io.floe.engine.OfferResult;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunResult;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.RemoteDispatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pends of a host-owned store, the original floe's way (floe-spec §4.2–§4.4): adopting triggers into pends with this
 * host's run counter, starting each pend here as soon as nothing conflicts with it, and offering the others to the
 * hosts of {@code common.hosts} through {@link RemoteDispatch} (over HTTP), which may offer theirs to this one
 * ({@link #offer}). Event-driven: called when a pend arrives and when a run ends, never on a timer. Runs only on the
 * hub's routing thread; an offer to other hosts runs off it and its answer comes back as {@link HubInput.Offered}.
 */
final class OfferDispatch implements Dispatch {
    private static final Logger log = LoggerFactory.getLogger(OfferDispatch.class);

    private final String hostId;
    private final Clock clock;
    private final RunExecution execution;
    private final Map<HostedRef, RunRecord> pending = new LinkedHashMap<>();
    private final Map<HostedRef, String> waitReasons = new java.util.concurrent.ConcurrentHashMap<>(); // read by API threads
    private long counter;

    private final RemoteDispatch remote;
    private final java.util.function.Consumer<HubInput> hub;
    /** Pends being offered to other hosts right now; never offered twice at once. */
    private final java.util.Set<HostedRef> offering = new java.util.HashSet<>();
    /** Requests (cancels, form data) about a pend whose offer is in flight, done once the offer is answered. */
    private final Map<HostedRef, List<java.util.function.Consumer<Turn>>> afterOffer = new java.util.HashMap<>();

    OfferDispatch(String hostId, Clock clock, RunExecution execution, RemoteDispatch remote,
            java.util.function.Consumer<HubInput> hub) {
        this.hostId = hostId;
        this.clock = clock;
        this.execution = execution;
        this.remote = remote;
        this.hub = hub;
    }

    @Override
    public void recover(long storedCounter, List<StoredRun> pends) {
        counter = storedCounter;
        for (StoredRun p : pends) {
            pending.put(p.record().id(), p.record());
        }
    }

    /** Adopts a trigger: a new run id, a pend recorded with the flow definition it will run. */
    @Override
    public RunRecord adopt(FlowConfig flow, NodeRef trigger, Map<String, Object> opts, Turn turn) {
        counter++;
        RunRecord pend = Dispatch.recordPend(flow, trigger, opts, hostId, counter, clock.instant(), turn);
        pending.put(pend.id(), pend);
        return pend;
    }

    /**
     * Forgets a pend adopted, or a run offered, in a turn the store could not save: it never existed for anyone
     * outside the hub.
     */
    void unadopt(HostedRef id) {
        pending.remove(id);
        waitReasons.remove(id);
    }

    /**
     * Starts, in this turn, the pends it just adopted ({@code adopted}, oldest first) that can start here now, so that
     * their adoption and their start are saved in one commit (and undone together if it fails); none while older
     * pends wait, which go first. Returns those it started; the others wait for {@link #dispatch}.
     */
    List<HostedRef> startAdopted(List<RunRecord> adopted, Turn turn) {
        if (pending.size() > adopted.size()) {
            return List.of(); // older pends wait (for a resource, an offer's answer): they go first
        }
        List<HostedRef> started = new ArrayList<>();
        for (RunRecord pend : adopted) {
            if (!pending.containsKey(pend.id()) || execution.conflict(pend.flow()).isPresent()) {
                break; // the turn's dispatch says why it waits, or offers it; the later ones stay behind it
            }
            start(pend, turn);
            started.add(pend.id());
        }
        return started;
    }

    /**
     * Starts every pend that can start here now, oldest first, and offers the others to the cluster's other hosts
     * (after this turn's commit, so a pend is saved before any host can take it).
     */
    @Override
    public void dispatch(Turn turn) {
        for (RunRecord pend : new ArrayList<>(pending.values())) {
            if (offering.contains(pend.id())) {
                continue;
            }
            Optional<String> conflict = execution.conflict(pend.flow());
            if (conflict.isEmpty()) {
                waitReasons.remove(pend.id());
                start(pend, turn);
                continue;
            }
            String why = noHostCanRun(pend.flow()).orElse(conflict.get());
            if (waitReasons.put(pend.id(), why) == null) {
                log.info("run {} waits: {}", pend.id(), why);
            }
            if (remote != RemoteDispatch.NONE) {
                offering.add(pend.id());
                turn.afterCommit(() -> remote.offer(pend).whenComplete((taker, err) -> hub.accept(
                        new HubInput.Offered(pend.id(), err != null ? Optional.empty() : taker))));
            }
        }
    }

    /**
     * Another host took the pend (it is now that host's), or none did (it waits for the next chance). Then the
     * requests that came meanwhile are done: they find the pend here, or its record naming the host that took it.
     */
    void offered(HubInput.Offered o, Turn turn) {
        offering.remove(o.run());
        List<java.util.function.Consumer<Turn>> waiting = afterOffer.remove(o.run());
        if (o.takenBy().isPresent()) {
            moved(o.run(), o.takenBy().get(), turn);
        } else if (waiting != null) {
            waitReasons.remove(o.run()); // the next dispatch says again why it waits
        }
        if (waiting != null) {
            waiting.forEach(request -> request.accept(turn));
        }
    }

    private void moved(HostedRef id, String taker, Turn turn) {
        RunRecord pend = pending.remove(id);
        waitReasons.remove(id);
        if (pend == null) {
            return; // refused by a failed commit meanwhile (unadopt): nothing here to hand over
        }
        RunRecord gone = pend.dispatched(taker);
        turn.batch.run(gone);
        turn.emit(state(pend.ref(), Tags.ACTION_REMOVE_PEND));
        log.info("run {} dispatched to host {}", pend.id(), taker);
    }

    /**
     * While a pend is being offered, another host may have taken it already: a request about it then waits for the
     * offer's answer instead of meeting a pend that is no longer this host's (a cancel would end here a run the taker
     * runs on).
     */
    boolean afterOffer(HostedRef run, java.util.function.Consumer<Turn> request) {
        if (!offering.contains(run)) {
            return false;
        }
        afterOffer.computeIfAbsent(run, k -> new ArrayList<>()).add(request);
        waitReasons.put(run, "being offered to another host; a request about it waits for the answer");
        return true;
    }

    /** Without other hosts, a flow whose host-tags this host lacks can never run: why, or empty. Any thread. */
    Optional<String> noHostCanRun(FlowConfig flow) {
        return remote == RemoteDispatch.NONE ? execution.noHostCanRun(flow) : Optional.empty();
    }

    /** Why a pend waits, for the API; empty once it started or when it never had to wait. */
    @Override
    public Optional<String> waitReason(HostedRef id) {
        return Optional.ofNullable(waitReasons.get(id));
    }

    /** Starts a pend offered by another host (or this one), unless it conflicts with a run active here. */
    OfferResult offer(RunRecord pend, Turn turn) {
        if (execution.conflict(pend.flow()).isPresent()) {
            return OfferResult.CONFLICT;
        }
        pending.put(pend.id(), pend);
        return start(pend, turn) ? OfferResult.STARTED : OfferResult.FAILED;
    }

    /**
     * Cancels a pend before it started: it is archived as cancelled. False if no such pend is waiting here, also when
     * its offer was in flight and another host took it: its record then names that host, which the cancel must reach.
     */
    @Override
    public void cancel(HubInput.Cancel request, Turn turn) {
        java.util.function.Consumer<Turn> answer = t -> t.reply(request.done(), cancel(request.run(),
                request.reason(), t));
        if (!afterOffer(request.run(), answer)) {
            answer.accept(turn);
        }
    }

    private boolean cancel(HostedRef id, String reason, Turn turn) {
        RunRecord pend = pending.remove(id);
        waitReasons.remove(id);
        if (pend == null) {
            return false;
        }
        RunRecord ended = pend.archived(clock.instant(), false, RunResult.cancelledBeforeStart(reason));
        turn.batch.run(ended);
        turn.emit(state(pend.ref(), Tags.ACTION_REMOVE_PEND));
        turn.emit(Event.of(pend.ref(), NodeRef.NONE, Tags.SYS_END_ALL, false,
                Map.of("reason", reason, "result", RunResult.CANCELLED.wire())));
        return true;
    }

    /** The host stops: requests still waiting for an offer's answer fail instead of waiting for ever. */
    @Override
    public void close() {
        Turn discarded = new Turn();
        afterOffer.values().forEach(requests -> requests.forEach(r -> r.accept(discarded)));
        afterOffer.clear();
        discarded.answer(new IllegalStateException("host " + hostId + " stopped while the run was being offered to"
                + " another host; ask again once a host of the cluster is up"));
    }

    @Override
    public int size() {
        return pending.size();
    }

    private boolean start(RunRecord pend, Turn turn) {
        pending.remove(pend.id());
        try {
            execution.activate(pend, turn);
            turn.emit(state(pend.ref(), Tags.ACTION_REMOVE_PEND));
            return true;
        } catch (RuntimeException e) {
            // a run that can not start fails on its own; it never blocks the pends behind it
            String reason = "could not start: " + e;
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
