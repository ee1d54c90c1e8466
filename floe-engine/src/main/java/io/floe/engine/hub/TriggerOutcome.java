package io.floe.engine.hub;

import io.floe.engine.run.RunRecord;
import java.util.List;

/**
 * What one trigger event did: the pends it created (one per flow it started) and, per flow that could not start, why.
 */
public record TriggerOutcome(List<RunRecord> pends, List<String> errors) {
    public TriggerOutcome {
        pends = List.copyOf(pends);
        errors = List.copyOf(errors);
    }
}
