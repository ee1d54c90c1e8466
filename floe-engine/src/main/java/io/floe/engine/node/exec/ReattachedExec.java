package io.floe.engine.node.exec;

import io.floe.engine.node.Cancellation;
import io.floe.engine.node.DetachedTask;
import io.floe.engine.node.OutputSink;
import io.floe.engine.node.TaskResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Goes on with an exec task that the last process of this host left running over a planned restart: passes on its
 * output from where that process stopped, ends with its exit status as {@link ExecRun} would, and stops its whole
 * session on cancellation (or when its watcher is gone).
 */
public final class ReattachedExec {
    /** The error of a reattached task whose processes were killed while no host watched them. */
    static final String KILLED = "the task's processes were stopped while its host restarted: it has no exit status";
    private static final Logger log = LoggerFactory.getLogger(ReattachedExec.class);

    private ReattachedExec() {}

    /** Follows {@code task} to its end on a thread of {@code blocking}; its files are removed then. */
    public static CompletableFuture<TaskResult> follow(DetachedTask task, OutputSink out, Cancellation cancellation,
            Executor blocking, ScheduledExecutorService scheduler) {
        CompletableFuture<TaskResult> result = new CompletableFuture<>();
        task.reattach(scheduler, task::kill);
        cancellation.onCancel(task::kill);
        blocking.execute(() -> {
            try {
                try (InputStream in = task.output()) {
                    new OutputLines(out::line).pump(in);
                } catch (IOException e) {
                    log.warn("{}: its output could not be read further: {}", task, e.getMessage());
                }
                int status = task.status();
                if (status < 0) {
                    result.complete(TaskResult.error(KILLED));
                } else {
                    ExecRun.closingLines(out, status);
                    result.complete(TaskResult.status(status));
                }
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                task.release();
            }
        });
        return result;
    }
}
