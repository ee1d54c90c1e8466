package io.floe.engine.hub;

import io.floe.engine.spi.Workspace;
import io.floe.engine.workspace.FileTrees;
import io.floe.engine.workspace.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A run's workspace folder, made when its first task starts, on a blocking thread: emptied first when the run must
 * start afresh (a new run of a flow that does not reuse its space: a folder left there by a run of the same number
 * before a restart is removed), then created. The routing thread never waits for the disk for it (on a busy file
 * system a {@code mkdir} alone took up to a quarter of its time, and removing a large left-over tree stalled every run).
 * <p>
 * Asked for by the routing thread only. A failed attempt is not kept: the next task tries again (no task ran in the
 * folder meanwhile, so emptying it again is safe).
 */
final class WorkspaceFolder {
    private final Workspace workspace;
    private final boolean startAfresh;
    private final Path seed;
    private CompletableFuture<Void> ready;

    /** @param startAfresh whether whatever is at the folder's place is removed before it is made */
    WorkspaceFolder(Workspace workspace, boolean startAfresh) {
        this(workspace, startAfresh, null);
    }

    /**
     * @param seed a folder a fresh folder starts as a copy of (a re-run from a step takes over what the old run's
     *             tasks left); null for an empty one
     */
    WorkspaceFolder(Workspace workspace, boolean startAfresh, Path seed) {
        this.workspace = workspace;
        this.startAfresh = startAfresh;
        this.seed = seed;
    }

    /** Completes once the folder exists; fails with an {@link IOException} that names it when it can not be made. */
    CompletionStage<Void> ready(Executor blocking) {
        if (ready == null || ready.isCompletedExceptionally()) {
            try {
                ready = CompletableFuture.runAsync(this::make, blocking);
            } catch (RejectedExecutionException e) { // the host is stopping: the task fails, the run does not hang
                ready = CompletableFuture.failedFuture(new IllegalStateException("the host is shutting down: the"
                        + " workspace " + workspace.root() + " was not prepared"));
            }
        }
        return ready;
    }

    private void make() {
        Path root = workspace.root();
        try {
            if (startAfresh) {
                FileTrees.delete(root);
            }
            PrivateFiles.folder(root);
            if (startAfresh && seed != null && !seed.equals(root)) {
                if (!Files.isDirectory(seed)) {
                    throw new IOException("the workspace " + seed + " of the run this one re-runs from a step is"
                            + " gone (its host removed it, or the run ran on another host): re-run the whole run");
                }
                FileTrees.copy(seed, root);
            }
        } catch (IOException | RuntimeException e) {
            throw new CompletionException(new IOException("could not prepare the workspace " + root + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e));
        }
    }
}
