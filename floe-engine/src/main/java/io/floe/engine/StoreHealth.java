package io.floe.engine;

import java.util.Optional;

/**
 * Whether the hub can save its turns: {@code problem} is why the last commit failed (empty once a commit succeeded),
 * {@code failedCommits} counts failed commits since start, {@code unsavedChanges} the changes waiting in memory.
 */
public record StoreHealth(Optional<String> problem, long failedCommits, int unsavedChanges) {
    public static final StoreHealth WRITING = new StoreHealth(Optional.empty(), 0, 0);

    public boolean writes() {
        return problem.isEmpty();
    }
}
