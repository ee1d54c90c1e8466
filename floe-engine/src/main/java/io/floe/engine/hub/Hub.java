package io.floe.engine.hub;

import io.floe.engine.DataReceipt;
import io.floe.engine.OfferResult;
import io.floe.engine.StoreHealth;
import io.floe.engine.StoreUnavailable;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.EventQueue;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.FencedException;
import io.floe.engine.spi.RemoteDispatch;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.SharedRunStore;
import io.floe.engine.spi.StoreBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's engine: one routing thread takes inputs (adopted triggers, task ends, data, cancels) in arrival order,
 * routes the events they cause through the runs' flows, commits all state changes of the turn in one transaction,
 * then publishes the events and starts the tasks. A run's state therefore changes in one well-defined order, and a
 * crash can lose at most an uncommitted turn, never leave half of one. A turn's new runs (adopted triggers, pends
 * offered by other hosts) are taken in apart, after its other inputs and their dispatch, so that when the store cannot
 * save them they are undone and refused; the rest of a turn the store cannot save waits in {@link UnsavedTurns}, whose
 * comment gives the rule for runs while the store cannot write. While nothing waits, both parts go in one commit (one
 * fsync per turn), and a trigger's pend that can start at once (nothing older waits) starts in its adoption's commit;
 * while turns wait, the new runs are tried in a commit of their own, after the waiting changes.
 */
public final class Hub {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    /** Inputs handled per turn at most: bounds latency while still grouping commits under load. */
    private static final int MAX_INPUTS_PER_TURN = 256;
    /** Events routed for one input at most: a flow whose merges or data nodes feed each other would loop forever. */
    private static final int MAX_ROUTED_PER_INPUT = 10_000;

    private final RunStore store;
    private final EventQueue queue;
    private final BlockingQueue<HubInput> inbox = new LinkedBlockingQueue<>();
    private final RunExecution execution;
    /**
     * How pends become runs, as the store chose: claimed from a shared store (the cluster), or offered between hosts
     * on host-owned stores (the original floe's way). What only one of them does is reached by its type, for the
     * inputs only that one produces.
     */
    private final Dispatch dispatch;
    private final HubSettings settings;
    /** Set when the store is shared by a cluster: its heartbeat, takeover and trigger role. */
    private final ClusterMembership membership;
    private final Thread thread;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final ScheduledExecutorService scheduler;
    /** Turns the store could not save yet; the rule for runs while they wait is written there. */
    private final UnsavedTurns unsaved = new UnsavedTurns(UnsavedTurns.BackOff.DEFAULT);
    /** Whether a {@link HubInput.SaveAgain} is scheduled or queued; routing thread only. */
    private boolean retryScheduled;
    /** Completes callers' futures off the routing thread: what they chain to them never holds up routing. */
    private final Callers callers;
    /** Tells each written turn once it is on the disk; one force for the turns written meanwhile. */
    private final GroupCommit groupCommit;
    /**
     * Why the disk could not confirm a write (a failed force), after which this host takes no more work; null while
     * it can. Set on the routing thread, read by health checks.
     */
    private volatile String diskLost;
    /** The hooks the inputs are handed to. */
    private final Inputs inputs = new Inputs();
    /** This turn's inputs so far: an input asked to commit now (back-off elapsed), or to stop. Routing thread only. */
    private boolean retryNow;
    private boolean stopping;
    /** The pends this turn's new-run inputs adopted and took, to undo when their commit fails. Routing thread only. */
    private final List<RunRecord> adoptedNow = new ArrayList<>();
    private final List<HostedRef> takenNow = new ArrayList<>();
    private volatile int pendingCount;
    private volatile int activeCount;

    public Hub(HubSettings settings, RunStore store, EventQueue queue, Executor blocking,
            ScheduledExecutorService scheduler) {
        this(settings, store, queue, blocking, scheduler, RemoteDispatch.NONE);
    }

    public Hub(HubSettings settings, RunStore store, EventQueue queue, Executor blocking,
            ScheduledExecutorService scheduler, RemoteDispatch remote) {
        this.store = store;
        this.queue = queue;
        this.settings = settings;
        this.scheduler = scheduler;
        this.callers = new Callers(blocking);
        this.groupCommit = new GroupCommit(settings.hostId(), this::tell, e -> submit(new HubInput.ForceFailed(e)));
        TaskStarter starter = new TaskStarter(settings, store.logs(), queue, blocking, scheduler, this::submit);
        this.execution = new RunExecution(settings, store.logs(), starter, store::find);
        if (store instanceof SharedRunStore shared) {
            this.membership = new ClusterMembership(settings.hostId(), shared, this::submit, settings.hostLease());
            this.dispatch = new ClaimDispatch(settings.hostId(), settings.clock(), shared, execution, this::submit,
                    membership::mustRejoin);
        } else {
            this.dispatch = new OfferDispatch(settings.hostId(), settings.clock(), execution, remote, this::submit);
            this.membership = null;
        }
        this.thread = new Thread(this::loop, "floe-hub-" + settings.hostId());
        this.thread.setDaemon(true);
    }

    /** Recovers the store's pending and active runs, then starts routing. */
    public void start() {
        start(List.of());
    }

    /**
     * As {@link #start()}, reattaching the tasks this host's last process left running over a planned restart to
     * their recovered runs (and stopping those no run takes back).
     */
    public void start(List<io.floe.engine.node.DetachedTask> detached) {
        if (membership != null) {
            membership.join(settings.tags());
        }
        Turn turn = new Turn(callers);
        execution.offerDetached(detached);
        recover(turn);
        execution.stopUnclaimed();
        thread.start();
        if (membership != null) {
            membership.start();
        }
    }

    /** Whether this host may fire the cluster's timers and polls now: always, unless a shared store gives the role to another host. */
    public boolean firesTriggers() {
        return membership == null || membership.leadsTriggers();
    }

    /** Whether this host vouches for its running tasks (on a shared store: while its lease is fresh); see TaskGuard. */
    public boolean vouchesForTasks() {
        return membership == null || membership.vouchesForTasks();
    }

    private void recover(Turn turn) {
        RunStore.Recovery r = store.recover();
        dispatch.recover(r.counter(), r.pending());
        r.active().forEach(a -> execution.recover(a, turn));
        routeAll(turn);
        dispatchAll(turn);
        finish(turn, true);
        if (!r.active().isEmpty() || !r.pending().isEmpty()) {
            log.info("recovered {} active and {} pending runs", r.active().size(), r.pending().size());
        }
    }

    /**
     * Adopts a trigger of {@code flow} (its flow-file already applied) into a pend; completes once it is saved. With a
     * {@code onceKey} (or null), fails with {@link AlreadyAdopted} when an adoption saved that key before.
     */
    public CompletableFuture<RunRecord> adopt(FlowConfig flow, NodeRef trigger, Map<String, Object> opts,
            Map<String, String> state, String onceKey) {
        CompletableFuture<RunRecord> f = new CompletableFuture<>();
        submit(new HubInput.Adopt(flow, trigger, opts, state, onceKey, f));
        return f;
    }

    /** Saves named state (poll refs, timer times) in the next transaction; a null value deletes. */
    public void saveState(Map<String, String> state) {
        if (!state.isEmpty()) {
            submit(new HubInput.SaveState(state));
        }
    }

    /** Supplies values to a data node of an active run. */
    public CompletableFuture<DataReceipt> supplyData(HostedRef run, String nodeId, Map<String, Object> values) {
        CompletableFuture<DataReceipt> f = new CompletableFuture<>();
        submit(new HubInput.Data(run, nodeId, values, f));
        return f;
    }

    /**
     * Cancels a pending or active run; completes with false when no such run is pending or active here. A cancel of a
     * pend being offered to another host waits for the offer's answer: false when that host took it (the run's record
     * then names it, for the cancel to go there).
     */
    public CompletableFuture<Boolean> cancel(HostedRef run, String reason) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        submit(new HubInput.Cancel(run, reason, f));
        return f;
    }

    /**
     * Offers a pend adopted elsewhere for execution here. A host on a shared store takes no offers ({@code FAILED}): it
     * claims its runs from the store.
     */
    public CompletableFuture<OfferResult> offer(RunRecord pend) {
        if (!(dispatch instanceof OfferDispatch)) {
            return CompletableFuture.completedFuture(OfferResult.FAILED);
        }
        CompletableFuture<OfferResult> f = new CompletableFuture<>();
        submit(new HubInput.Offer(pend, f));
        return f;
    }

    /** Looks at waiting pends again. */
    public void redispatch() {
        submit(new HubInput.Redispatch());
    }

    /** Queues an input for the routing thread. */
    void submit(HubInput in) {
        inbox.add(in);
    }

    /** Stops routing after the inputs already queued; running tasks are stopped, their runs stay active in the store. */
    public void stop(long timeoutMillis) {
        if (!thread.isAlive()) {
            return;
        }
        submit(new HubInput.Stop());
        try {
            stopped.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("hub did not stop within {} ms", timeoutMillis);
        }
        if (membership != null) {
            membership.close();
        }
        dispatch.close();
    }

    /** Why a pend has not started yet (a resource tag taken, no host with its tags…), or empty. */
    public java.util.Optional<String> waitReason(HostedRef run) {
        return dispatch.waitReason(run);
    }

    /** Why no host can ever run {@code flow} (this host lacks its host-tags and has no peers), or empty. */
    public java.util.Optional<String> noHostCanRun(FlowConfig flow) {
        return dispatch instanceof OfferDispatch p ? p.noHostCanRun(flow) : java.util.Optional.empty();
    }

    /** Whether the store saves this host's turns, and if not why; read by health checks and metrics. */
    public StoreHealth storeHealth() {
        StoreHealth h = unsaved.health();
        String lost = diskLost;
        return lost == null ? h : new StoreHealth(Optional.of(lost), h.failedCommits() + 1, 0, true);
    }

    public int pendingCount() {
        return pendingCount;
    }

    public int activeCount() {
        return activeCount;
    }

    private void loop() {
        Turn turn = new Turn(callers);
        Turn news = new Turn(callers);
        List<HubInput> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(inbox.take());
                inbox.drainTo(batch, MAX_INPUTS_PER_TURN - 1);
                if (diskLost != null && refuseAll(batch)) {
                    return;
                }
                retryNow = false;
                stopping = false;
                // while turns wait for the store, new runs are tried in a commit of their own (UnsavedTurns' rule)
                boolean together = !unsaved.waiting();
                boolean redispatch = !together && commitNewRuns(newRuns(batch, news, false), news);
                for (HubInput in : batch) {
                    if (in.makesRun()) {
                        continue; // taken in apart
                    }
                    redispatch |= handle(in, turn);
                    routeAll(turn);
                    if (stopping) {
                        break;
                    }
                }
                if (redispatch || turn.anyRunEnded()) {
                    dispatchAll(turn); // before this turn's new runs: what it starts is not undone with them
                }
                boolean stop = stopping;
                if (together) {
                    finishTogether(turn, newRuns(batch, news, true), news, stop);
                } else {
                    finish(turn, retryNow || stop);
                }
                batch.clear();
                if (stop) {
                    if (unsaved.waiting()) {
                        log.error("host {} stops with {} changes its run store could not save ({}); they are lost,"
                                + " and the host starts again from the last saved state", settings.hostId(),
                                unsaved.size(), unsaved.problem());
                        unsaved.forget();
                    }
                    groupCommit.awaitTold(); // the tasks of turns on the disk start, and are then stopped
                    execution.stopAll("host stopping");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("the hub's routing loop failed; this host no longer routes events", e);
        } finally {
            groupCommit.close();
            stopped.complete(null);
        }
    }

    /**
     * The disk could not confirm a write: every input is refused, nothing more is written (what the disk holds is
     * unknown; the host's next start recovers it). True when the loop is to stop.
     */
    private boolean refuseAll(List<HubInput> batch) {
        for (HubInput in : batch) {
            if (in.stops()) {
                execution.stopAll("host stopping");
                return true;
            }
            in.fail(StoreUnavailable.refusedUntilRestart(diskLost), callers);
        }
        batch.clear();
        return false;
    }

    /** Handles one input; true when pends should be looked at again. */
    private boolean handle(HubInput in, Turn turn) {
        if (unsaved.waiting() && in.refusedWhileUnsaved()) {
            in.fail(StoreUnavailable.refused(unsaved.problem()), callers);
            return false;
        }
        try {
            return in.handle(inputs, turn);
        } catch (RuntimeException e) {
            // one bad input (a corrupt record, a bug in a node) must not stop the host
            log.error("failed to handle {}", in.getClass().getSimpleName(), e);
            in.fail(e, callers);
            return false;
        }
    }

    /** The hub's hook for each kind of input; on the routing thread. */
    private final class Inputs implements HubInput.Handler {
        @Override
        public boolean adopt(HubInput.Adopt in, Turn turn) {
            Hub.this.adopt(in, turn).ifPresent(adoptedNow::add);
            return false;
        }

        @Override
        public boolean offer(HubInput.Offer in, Turn turn) {
            if (!(dispatch instanceof OfferDispatch offers)) {
                turn.reply(in.done(), OfferResult.FAILED); // Hub.offer already refuses an offer on a shared store
                return false;
            }
            OfferResult result = offers.offer(in.pend(), turn);
            takenNow.add(in.pend().id());
            turn.reply(in.done(), result);
            return false;
        }

        @Override
        public boolean saveState(HubInput.SaveState in, Turn turn) {
            in.state().forEach(turn.batch::state);
            return false;
        }

        @Override
        public boolean taskDone(HubInput.TaskDone in, Turn turn) {
            execution.taskDone(in, turn);
            return false;
        }

        @Override
        public boolean data(HubInput.Data in, Turn turn) {
            java.util.function.Consumer<Turn> supply = t -> t.reply(in.done(),
                    execution.supplyData(in.run(), in.nodeId(), in.values(), t));
            // a pend being offered to another host may be active there next: the data waits for the answer
            if (!(dispatch instanceof OfferDispatch offers && offers.afterOffer(in.run(), supply))) {
                supply.accept(turn);
            }
            return false;
        }

        @Override
        public boolean cancel(HubInput.Cancel in, Turn turn) {
            if (execution.cancel(in.run(), in.reason(), turn)) {
                turn.reply(in.done(), true);
            } else {
                dispatch.cancel(in, turn); // a pend, perhaps; answered now or once the shared store answered
            }
            return false;
        }

        @Override
        public boolean offered(HubInput.Offered in, Turn turn) {
            if (dispatch instanceof OfferDispatch offers) {
                offers.offered(in, turn);
            }
            return false;
        }

        @Override
        public boolean storeAnswer(HubInput.StoreAnswer in, Turn turn) {
            if (dispatch instanceof ClaimDispatch claims) {
                claims.answered(in, turn);
            }
            return false;
        }

        @Override
        public boolean redispatch(Turn turn) {
            return true;
        }

        @Override
        public boolean fenced(Turn turn) {
            rejoin(turn);
            return false;
        }

        @Override
        public boolean saveAgain(Turn turn) {
            retryScheduled = false;
            retryNow = true;
            return false;
        }

        @Override
        public boolean stop(Turn turn) {
            stopping = true;
            return false;
        }

        @Override
        public boolean forceFailed(HubInput.ForceFailed in, Turn turn) {
            loseDisk(in.failure());
            return false;
        }
    }

    /**
     * A force failed: what the disk holds of the turns written since the last good force is unknown, and a later force
     * that succeeds would not prove it. The host stops its tasks (their runs stay as the disk has them) and takes no
     * more work until it is started again, which recovers the runs from what the disk holds.
     */
    private void loseDisk(RuntimeException failure) {
        diskLost = failure instanceof StoreUnavailable u ? u.problem() : failure.getMessage();
        log.error("host {} could not force its turns to the disk; it stops its tasks and refuses all work: {}",
                settings.hostId(), diskLost);
        execution.stopAll("the run store could not force its writes to the disk");
        unsaved.forget();
    }

    /** The runs a turn made: triggers adopted, pends taken from other hosts, and which of them started at once. */
    private record NewRuns(List<RunRecord> adopted, List<HostedRef> taken, List<HostedRef> started) {
        /** Whether an adopted pend waits for a dispatch: it did not start with its adoption. */
        boolean pendsWait() {
            return adopted.size() > started.size();
        }
    }

    /**
     * Adopts the turn's triggers and takes the pends other hosts offer into {@code turn}, a turn of their own, so that
     * what a failed commit leaves can be undone: a pend in memory, or a run activated in memory whose task starts and
     * events are dropped with the turn. With {@code startAtOnce}, a trigger's pend that can start here now (nothing
     * older waits) starts in this turn: its adoption and its first tasks are saved in one commit, undone together.
     */
    private NewRuns newRuns(List<HubInput> inputs, Turn turn, boolean startAtOnce) {
        adoptedNow.clear();
        takenNow.clear();
        for (HubInput in : inputs) {
            if (in.stops()) {
                break;
            }
            if (in.makesRun()) {
                handle(in, turn);
            }
        }
        List<RunRecord> adopted = List.copyOf(adoptedNow);
        List<HostedRef> started = startAtOnce && dispatch instanceof OfferDispatch offers
                ? offers.startAdopted(adopted, turn) : List.of();
        routeAll(turn);
        return new NewRuns(adopted, List.copyOf(takenNow), started);
    }

    /**
     * Commits a turn's new runs on their own, after the changes waiting for the store: its caller is refused (an
     * offering host then keeps its pend) and no run exists when that fails; a trigger answered with a run id is saved.
     * True when pends should be looked at.
     */
    private boolean commitNewRuns(NewRuns made, Turn turn) {
        if (turn.batch.isEmpty()) {
            release(turn, RunStore.Forcing.DONE); // answers given already (a once-key adopted before); nothing to save
            return false;
        }
        RunStore.Forcing written;
        try {
            written = store.write(unsaved.before(turn.batch));
        } catch (FencedException e) {
            fenced(turn, e);
            return false;
        } catch (RuntimeException e) {
            Duration wait = unsaved.failed(e);
            refuse(made, turn);
            if (!unsaved.waiting()) {
                // nothing else waits: the retry then has nothing to write and would not find out when the store writes
                unsaved.probe("hub/store-check", settings.clock().instant().toString());
            }
            retryIn(wait);
            return false;
        }
        boolean ended = turn.anyRunEnded(); // an offered run that ended at once frees what pends wait for
        release(turn, releaseWaiting(written));
        return made.pendsWait() || ended;
    }

    /**
     * Commits the turn and its new runs in one transaction (nothing waits for the store): one commit, not two, for a
     * turn that adopts. If it fails, the new runs are undone and refused, and the rest waits in {@link UnsavedTurns}
     * as any turn the store could not save; a run's state never depends on a new run of the same turn, which is taken
     * in after the rest (and after its dispatch).
     */
    private void finishTogether(Turn turn, NewRuns made, Turn news, boolean stop) {
        if (unsaved.waiting()) { // this turn joined the cluster again and could not save what it recovered
            boolean redispatch = commitNewRuns(made, news);
            finish(turn, retryNow || stop);
            if (redispatch) {
                submit(new HubInput.Redispatch());
            }
            return;
        }
        RunStore.Forcing written = RunStore.Forcing.DONE;
        if (!turn.batch.isEmpty() || !news.batch.isEmpty()) {
            try {
                written = store.write(new StoreBatch().addAll(turn.batch).addAll(news.batch));
            } catch (FencedException e) {
                news.answer(e);
                news.reset();
                fenced(turn, e);
                return;
            } catch (RuntimeException e) {
                hold(turn, e);
                refuse(made, news);
                if (!unsaved.waiting()) {
                    unsaved.probe("hub/store-check", settings.clock().instant().toString());
                }
                return;
            }
        }
        // the store writes again after a fence or a refusal that left nothing waiting
        release(turn, releaseWaiting(written));
        boolean ended = news.anyRunEnded();
        release(news, RunStore.Forcing.DONE); // forced with the turn, which is told first
        if ((made.pendsWait() && dispatch instanceof OfferDispatch) || ended) {
            submit(new HubInput.Redispatch()); // a claim dispatch looks once they are saved (ClaimDispatch.adopt)
        }
    }

    /** A commit of new runs failed: they never existed for anyone outside the hub; their callers are refused. */
    private void refuse(NewRuns made, Turn turn) {
        if (dispatch instanceof OfferDispatch offers) { // a shared store's pends were only in the lost batch
            made.adopted().forEach(p -> offers.unadopt(p.id()));
            made.taken().forEach(offers::unadopt);
        }
        made.taken().forEach(execution::forget);
        made.started().forEach(execution::forget);
        if (!made.adopted().isEmpty() || !made.taken().isEmpty()) {
            log.error("could not save {} adopted triggers and {} offered pends to the run store; they are refused: {}",
                    made.adopted().size(), made.taken().size(), unsaved.problem());
        }
        turn.answer(StoreUnavailable.notAdopted(unsaved.problem()));
        turn.reset();
    }

    /** Adopts one trigger into a pend of this turn, or refuses it when its once-key was adopted before. */
    private Optional<RunRecord> adopt(HubInput.Adopt a, Turn turn) {
        a.state().forEach(turn.batch::state);
        if (a.onceKey() != null) {
            Optional<String> earlier = turn.batch.stateSet(a.onceKey()).or(() -> store.state(a.onceKey()));
            if (earlier.isPresent()) {
                turn.fail(a.done(), new AlreadyAdopted(a.onceKey(), earlier.get()));
                return Optional.empty();
            }
        }
        var pend = dispatch.adopt(a.flow(), a.trigger(), a.opts(), turn);
        if (a.onceKey() != null) {
            turn.batch.state(a.onceKey(), pend.id().toString());
        }
        turn.reply(a.done(), pend);
        return Optional.of(pend);
    }

    private void dispatchAll(Turn turn) {
        // a run that starts may end at once (nothing listens to trigger.good), freeing what the next pend waits for
        int rounds = 0;
        do {
            turn.clearRunEnded();
            dispatch.dispatch(turn);
            routeAll(turn);
        } while (turn.anyRunEnded() && dispatch.size() > 0 && ++rounds < 1000);
    }

    private void routeAll(Turn turn) {
        int steps = 0;
        Event e;
        while ((e = turn.nextToRoute()) != null) {
            if (++steps > MAX_ROUTED_PER_INPUT) {
                String why = "routing loop: more than " + MAX_ROUTED_PER_INPUT
                        + " events without a task in between; check the flow for a cycle of merges or data nodes";
                log.error("run {}: {}", e.runRef().run(), why);
                execution.fail(e.runRef().run(), why, turn);
                steps = 0;
                continue;
            }
            try {
                execution.route(e, turn);
            } catch (RuntimeException ex) {
                log.error("failed to route {} in run {}", e.tag(), e.runRef().run(), ex);
            }
        }
    }

    /**
     * This host lost its lease on the shared store (another host may own its runs now): forget its runs without
     * writing, stop their tasks, join the cluster again and take back what is still this host's.
     */
    private void rejoin(Turn turn) {
        if (!membership.mustRejoin()) {
            return; // an earlier input of the same fence joined already
        }
        if (!execution.active().isEmpty()) {
            log.error("host {} lost its lease on the shared store: stopping its tasks, forgetting its runs, joining"
                    + " again", settings.hostId());
        }
        execution.abandonAll("host " + settings.hostId() + " lost its lease on the shared store");
        turn.answer(new FencedException("host " + settings.hostId() + " lost its lease on the shared store"));
        turn.reset();
        unsaved.forget(); // changes to runs that may be another host's now
        if (dispatch instanceof ClaimDispatch claims && claims.callsUnderWay()) {
            return; // joins once the claim under way has answered (and was dropped), see ClaimDispatch.callsUnderWay
        }
        try {
            membership.join(settings.tags());
        } catch (RuntimeException e) {
            log.warn("host {} could not join the cluster again yet (retrying with each heartbeat): {}",
                    settings.hostId(), e.getMessage());
            return;
        }
        recover(turn);
    }

    /**
     * Commits the turn, behind any turns still waiting for the store, then answers its callers, publishes its events and
     * starts its tasks. While turns wait, a new one is committed only when {@code retry} (the back-off elapsed or the
     * host stops): a store that fails is not hammered with every task end. See {@link UnsavedTurns} for the rule.
     */
    private void finish(Turn turn, boolean retry) {
        boolean waiting = unsaved.waiting();
        if (waiting && !retry) {
            hold(turn, null);
            return;
        }
        RunStore.Forcing written = RunStore.Forcing.DONE;
        if (waiting || !turn.batch.isEmpty()) {
            try {
                written = store.write(unsaved.before(turn.batch));
            } catch (FencedException e) {
                fenced(turn, e);
                return;
            } catch (RuntimeException e) {
                hold(turn, e);
                return;
            }
        }
        release(turn, releaseWaiting(written));
        if (waiting) {
            dispatchAll(turn); // pends that waited for runs that ended meanwhile may start now
            finish(turn, false);
        }
    }

    /**
     * After a write that took the turns that waited for the store: tells and starts what they did, in order, once it is
     * on the disk. Returns what is left to force for the rest of the write (nothing once it was handed on here).
     */
    private RunStore.Forcing releaseWaiting(RunStore.Forcing written) {
        if (!unsaved.waiting() && unsaved.problem() == null) {
            return written;
        }
        UnsavedTurns.Released r = unsaved.saved();
        log.info("the run store writes again: saved what waited; publishing {} events and starting {} tasks",
                r.events().size(), r.starts().size());
        groupCommit.written(written, Turn.Outcome.of(r.events(), r.starts()));
        return RunStore.Forcing.DONE; // what comes next of the same write is told after this, so forced with it
    }

    /** Keeps a turn that could not be saved (after {@code failure}, or behind earlier turns) for a later commit. */
    private void hold(Turn turn, RuntimeException failure) {
        if (failure != null) {
            Duration wait = unsaved.failed(failure);
            int n = unsaved.failuresInARow();
            if (n == 1) {
                log.error("could not save this turn to the run store: {}; its events and task starts wait for the"
                        + " store, trying again in {} ms", failure.getMessage(), wait.toMillis());
            } else if (n % 12 == 0) { // about once a minute once the back-off is at its longest
                log.warn("the run store still cannot write after {} tries ({} changes wait): {}", n, unsaved.size(),
                        failure.getMessage());
            }
            retryIn(wait);
        }
        turn.answer(StoreUnavailable.notSaved(unsaved.problem()));
        unsaved.hold(turn);
        turn.reset();
        pendingCount = dispatch.size();
        activeCount = execution.active().size();
    }

    private void retryIn(Duration wait) {
        if (retryScheduled) {
            return;
        }
        retryScheduled = true;
        try {
            scheduler.schedule(() -> submit(new HubInput.SaveAgain()), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            retryScheduled = false; // the host is closing
        }
    }

    /** Nothing of this turn was saved and another host may own these runs: start nothing, join again. */
    private void fenced(Turn turn, FencedException e) {
        turn.answer(e);
        turn.reset();
        unsaved.forget();
        if (membership != null) {
            membership.fence();
        } else {
            log.error("the run store refused this host's writes: {}", e.getMessage());
        }
    }

    /**
     * The turn is written: once {@code written} is forced (with every turn written before), its callers are answered,
     * its events published and its tasks started ({@link GroupCommit}). A turn that shares a write with the one told
     * before it passes {@code DONE}: told in order, it is told after that write was forced.
     */
    private void release(Turn turn, RunStore.Forcing written) {
        Turn.Outcome outcome = turn.take();
        pendingCount = dispatch.size();
        activeCount = execution.active().size();
        if (!outcome.isEmpty() || written != RunStore.Forcing.DONE) {
            groupCommit.written(written, outcome);
        }
    }

    /** Tells a turn that is on the disk: answers its callers, publishes its events, starts its tasks. */
    private void tell(Turn.Outcome outcome) {
        outcome.answer();
        for (Event e : outcome.events()) {
            queue.publish(e);
        }
        for (Runnable r : outcome.starts()) {
            runAfterCommit(r);
        }
    }

    private static void runAfterCommit(Runnable sideEffect) {
        try {
            sideEffect.run();
        } catch (RuntimeException e) {
            log.error("a task failed to start", e);
        }
    }
}
