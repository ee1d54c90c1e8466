package io.floe.engine;

import java.util.Optional;

/**
 * Whether the hub can save its turns: {@code problem} is why the last commit failed (empty once a commit succeeded),
 * {@code failedCommits} counts failed commits since start, {@code unsavedChanges} the changes waiting in memory.
 * {@code untilRestart}: the disk could not confirm a write, and the host takes no work until it is started again
 * (the other problems pass once the store writes again).
 */
public record StoreHealth(Optional<String> problem, long failedCommits, int unsavedChanges, boolean untilRestart) {
    public static final StoreHealth WRITING = new StoreHealth(Optional.empty(), 0, 0);

    /** A store that writes, or one whose problem passes once it writes again. */
    public StoreHealth(Optional<String> problem, long failedCommits, int unsavedChanges) {
        this(problem, failedCommits, unsavedChanges, false);
    }

    public boolean writes() {
        return problem.isEmpty();
    }
}
