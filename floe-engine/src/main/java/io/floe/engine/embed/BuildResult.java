package io.floe.engine.embed;

import io.floe.engine.run.RunResult;
import io.floe.engine.view.RunSummary;

/**
 * The result a build records for the floe run it ran: a run that ended good is a success, one that ended bad a
 * failure, and a build stopped from outside is aborted, however its run ended, as is one whose run was cancelled.
 */
public enum BuildResult {
    SUCCESS,
    FAILURE,
    ABORTED;

    /**
     * The result for an ended run.
     *
     * @param aborted whether the build was stopped from outside (the Stop button, a timeout of the build)
     * @throws IllegalArgumentException when the run has not ended and the build was not aborted: there is no result
     *                                  yet
     */
    public static BuildResult of(RunSummary run, boolean aborted) {
        if (aborted) {
            return ABORTED;
        }
        if (!run.ended()) {
            throw new IllegalArgumentException("run " + run.ref().run() + " is " + run.status()
                    + ", not ended: wait for its end before asking for the build's result");
        }
        return run.good() ? SUCCESS : RunResult.CANCELLED.wire().equals(run.result()) ? ABORTED : FAILURE;
    }
}
