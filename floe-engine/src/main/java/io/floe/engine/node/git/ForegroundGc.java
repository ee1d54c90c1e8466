package io.floe.engine.node.git;

import org.eclipse.jgit.api.Git;

/**
 * JGit runs its automatic gc after a fetch in a background thread by default ({@code gc.autoDetach}), which goes on
 * writing into the repository (its lock and log files) after the task that fetched has ended and its folder may be
 * moved, copied or deleted. floe's fetches run it in the foreground instead, as part of the task.
 */
final class ForegroundGc {
    private ForegroundGc() {}

    /** {@code git}, its automatic gc set to run in the fetch's own thread (this repository's in-memory config). */
    static Git of(Git git) {
        git.getRepository().getConfig().setBoolean("gc", null, "autoDetach", false);
        return git;
    }
}
