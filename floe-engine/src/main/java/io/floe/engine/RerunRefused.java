package io.floe.engine;

/** A re-run from a step that can not be done, and why; the message says what to do instead. */
public final class RerunRefused extends RuntimeException {
    /** Why: the request names something that is not there, or the run is not in a state to be re-run from. */
    public enum Reason {
        NO_SUCH_NODE(false),
        TRIGGER_NODE(false),
        NOT_ENDED(true),
        RUN_WAS_GOOD(true),
        NOTHING_FAILED(true),
        WORKSPACE_GONE(true);

        private final boolean conflict;

        Reason(boolean conflict) {
            this.conflict = conflict;
        }

        /** True when the run's state is in the way (HTTP 409), false when the request is wrong (HTTP 400). */
        public boolean conflict() {
            return conflict;
        }
    }

    private final Reason reason;

    public RerunRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
