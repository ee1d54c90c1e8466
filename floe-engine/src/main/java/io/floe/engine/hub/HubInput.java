package io.floe.engine.hub;

import io.floe.engine.DataReceipt;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.SharedRunStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What the hub's routing loop acts on, one at a time, in arrival order. */
sealed interface HubInput {

    /**
     * Adopt a trigger into a pend of {@code flow} (flow-file already applied), saving {@code state} (e.g. a timer's
     * next fire time) in the same transaction, so a trigger is adopted exactly once. With a {@code onceKey} (or null),
     * the adoption is refused with {@link AlreadyAdopted} when that key was saved before, and saves it (as the new
     * run's id) otherwise: a webhook delivered twice starts one run.
     */
    record Adopt(FlowConfig flow, NodeRef trigger, Map<String, Object> opts, Map<String, String> state,
            String onceKey, CompletableFuture<RunRecord> done) implements HubInput {}

    /** Save named state (a poller's refs, a timer's next fire time) in the next transaction. */
    record SaveState(Map<String, String> state) implements HubInput {}

    /**
     * A task finished (or failed to execute). {@code attempt} tells a stale finish from the current one;
     * {@code logLines} is the node's log length after it.
     */
    record TaskDone(HostedRef run, String nodeId, long attempt, TaskResult result, long logLines)
            implements HubInput {}

    /** Values for a data node of an active run. */
    record Data(HostedRef run, String nodeId, Map<String, Object> values, CompletableFuture<DataReceipt> done)
            implements HubInput {}

    /** Cancel a pending or active run. */
    record Cancel(HostedRef run, String reason, CompletableFuture<Boolean> done) implements HubInput {}

    /** Accept a pend offered for execution here (from another host, or this one). */
    record Offer(RunRecord pend, CompletableFuture<OfferResult> done) implements HubInput {}

    /** The answer to a pend offered to other hosts: the host that took it, or empty. */
    record Offered(io.floe.engine.event.HostedRef run, java.util.Optional<String> takenBy) implements HubInput {}

    /**
     * The answer of a call to the shared store that was made off the routing thread, so that a slow or stalled database
     * never holds up routing; it enters the hub like any other input.
     */
    sealed interface StoreAnswer extends HubInput {}

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
    record Redispatch() implements HubInput {}

    /** This host's lease on the shared store lapsed: forget its runs and join the cluster again. */
    record Fenced() implements HubInput {}

    /** Try again to save the turns that wait for the run store ({@link UnsavedTurns}). */
    record SaveAgain() implements HubInput {}

    /** Stop the loop after the inputs before it. */
    record Stop() implements HubInput {}
}
