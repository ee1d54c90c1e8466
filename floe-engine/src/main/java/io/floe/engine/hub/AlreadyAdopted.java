package io.floe.engine.hub;

/**
 * An adoption refused because its once-key was saved by an earlier one ({@link Hub#adopt}): the trigger was already
 * taken, and started run {@code run}.
 */
public final class AlreadyAdopted extends RuntimeException {
    private final String key;
    private final String run;

    public AlreadyAdopted(String key, String run) {
        super(key + " already started run " + run);
        this.key = key;
        this.run = run;
    }

    public String key() {
        return key;
    }

    /** The run the earlier adoption started. */
    public String run() {
        return run;
    }
}
