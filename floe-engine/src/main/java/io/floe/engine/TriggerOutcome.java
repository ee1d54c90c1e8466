package io.floe.engine;

import io.floe.engine.run.RunRecord;
import java.util.List;

/**
 * What one trigger event did: the pends it created (one per flow it started) and, per flow that could not start, why;
 * {@code storeCannotWrite} when a flow was refused because the run store could not save it ({@link StoreUnavailable}).
 */
public record TriggerOutcome(List<RunRecord> pends, List<String> errors, boolean storeCannotWrite) {
    public TriggerOutcome {
        pends = List.copyOf(pends);
        errors = List.copyOf(errors);
    }

    public TriggerOutcome(List<RunRecord> pends, List<String> errors) {
        this(pends, errors, false);
    }
}
