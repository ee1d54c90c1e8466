package io.floe.engine.embed;

import io.floe.engine.run.EndCause;
import io.floe.engine.run.RunEnd;
import io.floe.engine.view.RunSummary;
import io.floe.engine.view.RunView;

/**
 * How an embedded run ended: the build's result, the run's summary (why it ended) and its final graph.
 */
public record RunOutcome(BuildResult result, RunSummary summary, RunView view) {
    /** A sentence for the build log, e.g. {@code run jenkins-1 ended bad: reached end node failed}. */
    public String describe() {
        String reason = summary.reason() == null ? "" : summary.reason();
        String ended = result == BuildResult.ABORTED ? "was aborted" : summary.good() ? "ended good" : "ended bad";
        // the engine's reasons for a run that ran out of listeners already say how it ended
        boolean saysHow = RunEnd.read(summary.good(), reason).cause() == EndCause.NO_LISTENER;
        String text = saysHow && result != BuildResult.ABORTED ? reason
                : reason.isBlank() ? ended : ended + ": " + reason;
        return "run " + summary.ref().run() + " of flow " + summary.ref().flowRef().id() + " " + text;
    }
}
