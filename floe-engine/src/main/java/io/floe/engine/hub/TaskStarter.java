package io.floe.engine.hub;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.EventQueue;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.node.DetachedTask;
import io.floe.engine.node.Durations;
import io.floe.engine.node.exec.ReattachedExec;
import io.floe.engine.spi.Cancellation;
import io.floe.engine.spi.OutputSink;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskLogs;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import io.floe.engine.spi.Workspace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a task's type with its context, logs and publishes each output line, applies the node's {@code timeout}, and
 * reports the end to the hub as a {@link HubInput.TaskDone}. Runs outside the routing thread's turn.
 */
final class TaskStarter {
    private static final Logger log = LoggerFactory.getLogger(TaskStarter.class);

    private final HubSettings settings;
    private final TaskLogs logs;
    private final EventQueue queue;
    private final Executor blocking;
    private final ScheduledExecutorService scheduler;
    private final Consumer<HubInput> hub;

    TaskStarter(HubSettings settings, TaskLogs logs, EventQueue queue, Executor blocking,
            ScheduledExecutorService scheduler, Consumer<HubInput> hub) {
        this.settings = settings;
        this.logs = logs;
        this.queue = queue;
        this.blocking = blocking;
        this.scheduler = scheduler;
        this.hub = hub;
    }

    /**
     * Starts the task once its run's workspace folder is there (at once but for a run's first task). Each line of its
     * output goes through {@code mask} (values typed into password fields) before it is logged or published.
     */
    void start(RunRef run, NodeConfig node, Map<String, Object> opts, List<String> env, Workspace ws,
            WorkspaceFolder folder, UnaryOperator<String> mask, Map<String, String> values, long attempt,
            long priorLines, Cancellation cancellation) {
        AtomicLong lines = new AtomicLong(priorLines);
        OutputSink sink = sink(run, node, mask, lines);
        ScheduledFuture<?> timer = scheduleTimeout(node, cancellation, Duration.ZERO);
        CompletionStage<TaskResult> stage;
        Optional<TaskType> type = settings.types().task(node.type());
        if (type.isEmpty()) {
            stage = CompletableFuture.completedFuture(TaskResult.error("no node type found: " + node.type()));
        } else {
            TaskContext ctx = new TaskContext(run, node, opts, env, ws, sink, settings.launcher(), settings.baseEnv(),
                    settings.cacheRoot(), cancellation, blocking, scheduler, values);
            TaskType t = type.get();
            stage = folder.ready(blocking).thenCompose(ready -> t.start(ctx));
        }
        report(run, node, opts, ws, attempt, cancellation, lines, sink, timer, stage);
    }

    /**
     * Goes on with a task the last process of this host left running over a planned restart, as if it had never left:
     * its output is logged on from line {@code priorLines}, its timeout counts from {@code started}, its end is
     * reported as a {@link HubInput.TaskDone}.
     */
    void reattach(RunRef run, NodeConfig node, DetachedTask task, java.time.Instant started, UnaryOperator<String> mask,
            long attempt, long priorLines, Cancellation cancellation, Workspace ws) {
        AtomicLong lines = new AtomicLong(priorLines);
        OutputSink sink = sink(run, node, mask, lines);
        Duration ran = Duration.between(started, settings.clock().instant());
        ScheduledFuture<?> timer = scheduleTimeout(node, cancellation, ran.isNegative() ? Duration.ZERO : ran);
        log.info("task {} of run {}: reattached {}", node.id(), run.run(), task);
        // its artifacts option is code, taken from the config as at the start (CodeOptions)
        report(run, node, node.opts(), ws, attempt, cancellation, lines, sink, timer,
                ReattachedExec.follow(task, sink, cancellation, blocking, scheduler));
    }

    private OutputSink sink(RunRef run, NodeConfig node, UnaryOperator<String> mask, AtomicLong lines) {
        java.util.concurrent.atomic.AtomicBoolean logFailed = new java.util.concurrent.atomic.AtomicBoolean();
        OutputSink sink = raw -> {
            String line = mask.apply(raw);
            try {
                logs.append(run.run(), node.id(), line);
            } catch (RuntimeException e) {
                // a full disk must not stop the task or lose its end: its lines are still published live
                if (logFailed.compareAndSet(false, true)) {
                    log.error("task {} of run {}: its output is not logged any more: {}", node.id(), run.run(),
                            e.getMessage());
                }
            }
            lines.incrementAndGet();
            queue.publish(Event.of(run, node.ref(), Tags.SYS_NODE_UPDATE, true, Map.of("update", line)));
        };
        return sink;
    }

    private void report(RunRef run, NodeConfig node, Map<String, Object> opts, Workspace ws, long attempt,
            Cancellation cancellation, AtomicLong lines, OutputSink sink, ScheduledFuture<?> timer,
            CompletionStage<TaskResult> stage) {
        stage.whenComplete((result, error) -> {
            if (timer != null) {
                timer.cancel(false);
            }
            TaskResult r = cancellation.isCancelled() ? TaskResult.error(cancellation.reason())
                    : error != null ? TaskResult.error(message(error)) : result;
            if (r.failedToExecute()) {
                sink.line(r.error());
            }
            settings.artifacts().keep(run, node, opts, ws, sink); // before the end is told: later tasks may change them
            try {
                logs.flush(run.run(), node.id());
            } catch (RuntimeException e) {
                // the end is reported all the same: a run must not stay "running" because its log could not be written
                log.error("task {} of run {}: {}", node.id(), run.run(), e.getMessage());
            }
            hub.accept(new HubInput.TaskDone(run.run(), node.id(), attempt, r, lines.get()));
        });
    }

    /** The node's timeout, of which {@code used} has passed already (a reattached task's time before the restart). */
    private ScheduledFuture<?> scheduleTimeout(NodeConfig node, Cancellation cancellation, Duration used) {
        if (node.timeout().isBlank()) {
            return null;
        }
        Optional<Duration> d = Durations.parse(node.timeout());
        if (d.isEmpty()) {
            log.warn("task {} has a timeout that is not a duration: {}", node.id(), node.timeout());
            return null;
        }
        String why = "timed out after " + Durations.format(d.get());
        long left = Math.max(0, d.get().minus(used).toMillis());
        return scheduler.schedule(() -> cancellation.cancel(why), left, TimeUnit.MILLISECONDS);
    }

    private static String message(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }
}
