package io.floe.engine.hub;

import io.floe.engine.DataReceipt;
import io.floe.engine.OfferResult;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.SharedRunStore;
import io.floe.engine.spi.TaskResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the hub's routing loop acts on, one at a time, in arrival order. Each input knows which of the hub's
 * {@link Handler} hooks takes it and how to fail the caller waiting for it, so the hub has no chain of type tests.
 */
sealed interface HubInput {

    /** Hands this input to its hook; true when waiting pends should be looked at again. */
    boolean handle(Handler hub, Turn turn);

    /** Fails the caller waiting for this input's answer, if one waits. */
    default void fail(RuntimeException cause, Callers callers) {}

    /**
     * Whether this input makes a new run here (an adopted trigger, an offered pend): those are taken in apart from the
     * turn's other inputs (after them), so that a commit that fails can undo them.
     */
    default boolean makesRun() {
        return false;
    }

    /** Whether this input is refused while turns wait for the store: its effect could not be undone. */
    default boolean refusedWhileUnsaved() {
        return false;
    }

    /** Whether the loop stops after this input. */
    default boolean stops() {
        return false;
    }

    /** The hub's hooks, one per kind of input. */
    interface Handler {
        boolean adopt(Adopt in, Turn turn);

        boolean saveState(SaveState in, Turn turn);

        boolean taskDone(TaskDone in, Turn turn);

        boolean data(Data in, Turn turn);

        boolean cancel(Cancel in, Turn turn);

        boolean offer(Offer in, Turn turn);

        boolean offered(Offered in, Turn turn);

        boolean storeAnswer(StoreAnswer in, Turn turn);

        boolean redispatch(Turn turn);

        boolean fenced(Turn turn);

        boolean saveAgain(Turn turn);

        boolean stop(Turn turn);

        boolean forceFailed(ForceFailed in, Turn turn);
    }

    /**
     * Adopt a trigger into a pend of {@code flow} (flow-file already applied), saving {@code state} (e.g. a timer's
     * next fire time) in the same transaction, so a trigger is adopted exactly once. With a {@code onceKey} (or null),
     * the adoption is refused with {@link AlreadyAdopted} when that key was saved before, and saves it (as the new
     * run's id) otherwise: a webhook delivered twice starts one run.
     */
    record Adopt(FlowConfig flow, NodeRef trigger, Map<String, Object> opts, Map<String, String> state,
            String onceKey, CompletableFuture<RunRecord> done) implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.adopt(this, turn);
        }

        @Override
        public void fail(RuntimeException cause, Callers callers) {
            callers.fail(done, cause);
        }

        @Override
        public boolean makesRun() {
            return true;
        }
    }

    /** Save named state (a poller's refs, a timer's next fire time) in the next transaction. */
    record SaveState(Map<String, String> state) implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.saveState(this, turn);
        }
    }

    /**
     * A task finished (or failed to execute). {@code attempt} tells a stale finish from the current one;
     * {@code logLines} is the node's log length after it.
     */
    record TaskDone(HostedRef run, String nodeId, long attempt, TaskResult result, long logLines)
            implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.taskDone(this, turn);
        }
    }

    /** Values for a data node of an active run. */
    record Data(HostedRef run, String nodeId, Map<String, Object> values, CompletableFuture<DataReceipt> done)
            implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.data(this, turn);
        }

        @Override
        public void fail(RuntimeException cause, Callers callers) {
            callers.fail(done, cause);
        }

        @Override
        public boolean refusedWhileUnsaved() {
            return true; // the caller would wait for it, and its effect could not be undone
        }
    }

    /** Cancel a pending or active run. */
    record Cancel(HostedRef run, String reason, CompletableFuture<Boolean> done) implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.cancel(this, turn);
        }

        @Override
        public void fail(RuntimeException cause, Callers callers) {
            callers.fail(done, cause);
        }
    }

    /** Accept a pend offered for execution here (from another host, or this one). */
    record Offer(RunRecord pend, CompletableFuture<OfferResult> done) implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.offer(this, turn);
        }

        @Override
        public void fail(RuntimeException cause, Callers callers) {
            callers.fail(done, cause);
        }

        @Override
        public boolean makesRun() {
            return true;
        }
    }

    /** The answer to a pend offered to other hosts: the host that took it, or empty. */
    record Offered(HostedRef run, Optional<String> takenBy) implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.offered(this, turn);
        }
    }

    /**
     * The answer of a call to the shared store that was made off the routing thread, so that a slow or stalled database
     * never holds up routing; it enters the hub like any other input.
     */
    sealed interface StoreAnswer extends HubInput {
        @Override
        default boolean handle(Handler hub, Turn turn) {
            return hub.storeAnswer(this, turn);
        }
    }

    /** A claim ended: the runs it took for this host (recorded as active here), or why it failed. */
    record Claimed(Optional<SharedRunStore.Claims> claims, Optional<RuntimeException> failure) implements StoreAnswer {
        static Claimed of(SharedRunStore.Claims claims) {
            return new Claimed(Optional.of(claims), Optional.empty());
        }

        static Claimed failed(RuntimeException e) {
            return new Claimed(Optional.empty(), Optional.of(e));
        }
    }

    /** The cancellation of a pend in the shared store ended: the pend as cancelled, empty if it was not pending. */
    record PendCancelled(Cancel request, Optional<RunRecord> cancelled, Optional<RuntimeException> failure)
            implements StoreAnswer {}

    /** Look at waiting pends again (a host appeared, a run ended elsewhere…). */
    record Redispatch() implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.redispatch(turn);
        }
    }

    /** This host's lease on the shared store lapsed: forget its runs and join the cluster again. */
    record Fenced() implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.fenced(turn);
        }
    }

    /** Try again to save the turns that wait for the run store ({@link UnsavedTurns}). */
    record SaveAgain() implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.saveAgain(turn);
        }
    }

    /** The disk could not confirm the turns written since the last good force ({@link GroupCommit}). */
    record ForceFailed(RuntimeException failure) implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.forceFailed(this, turn);
        }
    }

    /** Stop the loop after the inputs before it. */
    record Stop() implements HubInput {
        @Override
        public boolean handle(Handler hub, Turn turn) {
            return hub.stop(turn);
        }

        @Override
        public boolean stops() {
            return true;
        }
    }
}
