package io.floe.engine.node.exec;

import io.floe.engine.node.DetachedTask;
import io.floe.engine.node.Detachment;
import io.floe.engine.spi.Cancellation;
import io.floe.engine.spi.OutputSink;
import io.floe.engine.spi.TaskResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

    /**
     * Follows {@code task} to its end on a thread of {@code blocking}; its files are removed then. Another planned
     * restart detaches it again: the output then stops at a line's end and that position is recorded for the next
     * process.
     */
    public static CompletableFuture<TaskResult> follow(DetachedTask task, OutputSink out, Cancellation cancellation,
            Executor blocking, ScheduledExecutorService scheduler) {
        CompletableFuture<TaskResult> result = new CompletableFuture<>();
        Detachment first = task.detachment();
        AtomicLong lines = new AtomicLong(first.lines());
        LineGate gate = new LineGate(line -> {
            lines.incrementAndGet();
            out.line(line);
        });
        OutputLines reader = new OutputLines(gate::line);
        gate.trackPosition(() -> first.offset() + reader.lineEnd());
        AtomicBoolean detached = new AtomicBoolean();
        task.onDetach(() -> {
            long position = gate.closeAtPosition();
            if (position < 0) {
                return null;
            }
            detached.set(true);
            // nothing logged since the reattach: the position is still where the last process stopped
            return new Detachment(first.run(), first.node(), Math.max(position, first.offset()), lines.get());
        });
        task.reattach(scheduler, task::kill);
        cancellation.onCancel(task::kill);
        blocking.execute(() -> {
            try {
                try (InputStream in = task.output()) {
                    reader.pump(in);
                } catch (IOException e) {
                    log.warn("{}: its output could not be read further: {}", task, e.getMessage());
                }
                if (detached.get() || gate.closeAtPosition() < 0) {
                    return; // left running again: the next process of this host reports it
                }
                int status = task.status();
                if (status < 0) {
                    result.complete(TaskResult.error(KILLED));
                } else {
                    ExecRun.closingLines(out, status);
                    result.complete(TaskResult.status(status));
                }
                task.release();
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
                task.release();
            }
        });
        return result;
    }
}
