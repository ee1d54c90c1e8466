package io.floe.engine.hub;

import io.floe.engine.run.RunRecord;
import java.util.List;

/**
 * What one trigger event did: the pends it created (one per flow it started) and, per flow that could not start, why;
 * {@code storeCannotWrite} when a flow was refused because the run store could not save it ({@link StoreUnavailable});
 * {@code noneMatched} when no flow has a trigger the event fires (its one error says so).
 */
public record TriggerOutcome(List<RunRecord> pends, List<String> errors, boolean storeCannotWrite,
        boolean noneMatched) {
    public TriggerOutcome {
        pends = List.copyOf(pends);
        errors = List.copyOf(errors);
    }

    public TriggerOutcome(List<RunRecord> pends, List<String> errors, boolean storeCannotWrite) {
        this(pends, errors, storeCannotWrite, false);
    }

    public TriggerOutcome(List<RunRecord> pends, List<String> errors) {
        this(pends, errors, false);
    }

    /** Nothing started because no flow has a trigger the event fires; {@code why} says what was looked for. */
    public static TriggerOutcome noneMatched(String why) {
        return new TriggerOutcome(List.of(), List.of(why), false, true);
    }
}
