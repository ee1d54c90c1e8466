package io.floe.engine;

/**
 * The run store could not save what a caller asked for, so the caller is not told it succeeded: a trigger was not
 * adopted (no run exists), or a change was made on this host but is not saved yet. Hosts answer it with 503.
 */
public final class StoreUnavailable extends RuntimeException {
    private final String problem;

    StoreUnavailable(String problem, String consequence) {
        super("the run store cannot write: " + problem + "; " + consequence);
        this.problem = problem;
    }

    /** What the store said, e.g. that the disk is full. */
    public String problem() {
        return problem;
    }

    public static StoreUnavailable notAdopted(String problem) {
        return new StoreUnavailable(problem, "the trigger was not adopted and no run was made; free space or fix the"
                + " store, then trigger again (GET /health tells when the store writes again)");
    }

    public static StoreUnavailable notSaved(String problem) {
        return new StoreUnavailable(problem, "the change was made on this host but is not saved yet; it is saved when"
                + " the store can write again, and lost if the host stops before that");
    }

    /** The change was written, but the disk did not confirm that it holds it: it may or may not survive. */
    public static StoreUnavailable unknownOutcome(String problem) {
        return new StoreUnavailable(problem, "it may or may not have been saved, and nothing of it was started; this"
                + " host takes no more work: check the disk and restart the host, which goes on from what the disk"
                + " holds (GET /runs then tells whether it was saved)");
    }

    /**
     * A host whose disk could not confirm a write refuses everything until it is started again: waiting for the store
     * to write again, as {@link #refused} tells, would not help.
     */
    public static StoreUnavailable refusedUntilRestart(String problem) {
        return new StoreUnavailable(problem, "nothing was changed; check the disk and restart the host, which goes on"
                + " from what the disk holds");
    }

    public static StoreUnavailable refused(String problem) {
        return new StoreUnavailable(problem, "nothing was changed; try again when the store can write"
                + " (GET /health tells when)");
    }
}
