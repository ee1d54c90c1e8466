package io.floe.engine.node.git;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a git task's blocking work on the context's {@code blocking} executor. A cancellation ends the task at once
 * (its result is ignored then) and stops the work: JGit sees it through the progress monitor, and the worker thread
 * is interrupted for the waits JGit does not check. An {@link IOException} from the work is the task's execution
 * error, its message shown to the user.
 */
final class GitTaskRun {
    private static final Logger LOG = LoggerFactory.getLogger(GitTaskRun.class);
    /** Checks {@code sub-dir} for climbing out when no real workspace is at hand (config time). */
    private static final Workspace SOME_WORKSPACE = new Workspace(Path.of("/floe-check/ws"));

    /** The blocking part of a git task. */
    @FunctionalInterface
    interface Work {
        TaskResult run(ProgressMonitor progress) throws IOException;
    }

    private GitTaskRun() {}

    static CompletionStage<TaskResult> start(TaskContext ctx, Work work) {
        CompletableFuture<TaskResult> done = new CompletableFuture<>();
        ProgressLines progress = new ProgressLines(ctx.out(), ctx.cancellation());
        AtomicReference<Thread> worker = new AtomicReference<>();
        try {
            ctx.blocking().execute(() -> {
                worker.set(Thread.currentThread());
                try {
                    // cancelled before it began: the reason is the result (the cancel hook may not be in place yet)
                    done.complete(ctx.cancellation().isCancelled() ? TaskResult.error(ctx.cancellation().reason())
                            : work.run(progress));
                } catch (IOException e) {
                    LOG.debug("{} task {} failed", ctx.node().type(), ctx.node().id(), e);
                    done.complete(TaskResult.error(e.getMessage()));
                } catch (RuntimeException e) {
                    LOG.warn("{} task {} failed unexpectedly", ctx.node().type(), ctx.node().id(), e);
                    done.complete(TaskResult.error(ctx.node().type() + " failed: " + e));
                } finally {
                    // an Error (out of memory…) must still end the task, or the run would wait for ever
                    done.complete(TaskResult.error(ctx.node().type() + " ended unexpectedly; see the host's log"));
                    synchronized (worker) {
                        worker.set(null);
                        Thread.interrupted(); // a late interrupt must not reach the pool's next task
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            done.complete(TaskResult.error("the host is shutting down: " + ctx.node().type() + " not started"));
        }
        ctx.cancellation().onCancel(() -> {
            done.complete(TaskResult.error(ctx.cancellation().reason()));
            synchronized (worker) {
                Thread t = worker.get();
                if (t != null) {
                    t.interrupt();
                }
            }
        });
        return done;
    }

    /** The problem with a node's {@code sub-dir}, if it climbs out of the workspace. */
    static List<String> checkSubDir(NodeConfig node) {
        String subDir = Opts.string(node.opts(), "sub-dir");
        try {
            SOME_WORKSPACE.resolveInside("sub-dir", subDir);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of("sub-dir '" + subDir + "' climbs out of the workspace: give a path inside it");
        }
    }
}
