package io.floe.engine.node.timer;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.node.Durations;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code timer} task: waits {@code period} (or {@code duration}) and ends with status 0. Both take the duration
 * syntax of {@link Durations} ({@code 90s}, {@code 10m}, {@code 1h30m}, a bare number of seconds). The original's
 * timer task returned at once. The wait holds no thread, and a cancellation ends it at once.
 */
public final class TimerTask implements TaskType {
    private static final List<String> KEYS = List.of("period", "duration");

    @Override
    public String name() {
        return "timer";
    }

    @Override
    public List<String> check(NodeConfig node) {
        for (String key : KEYS) {
            Object v = node.opts().get(key);
            if (v != null) {
                String text = Opts.string(node.opts(), key);
                return Durations.parse(text).isPresent() ? List.of() : List.of(Durations.problem(key, text));
            }
        }
        return List.of("timer needs a period or a duration option, e.g. period: 30s");
    }

    @Override
    public CompletionStage<TaskResult> start(TaskContext ctx) {
        // the node's own setting first: a timer trigger's period arrives in the event opts and must not override it
        Optional<Duration> wait = wait(ctx.node().opts()).or(() -> wait(ctx.opts()));
        if (wait.isEmpty()) {
            return CompletableFuture.completedFuture(
                    TaskResult.error("timer needs a period or a duration option, e.g. period: 30s"));
        }
        CompletableFuture<TaskResult> done = new CompletableFuture<>();
        ctx.out().line("waiting " + Durations.format(wait.get()));
        ScheduledFuture<?> timer = ctx.scheduler().schedule(() -> done.complete(TaskResult.status(0)),
                wait.get().toMillis(), TimeUnit.MILLISECONDS);
        ctx.cancellation().onCancel(() -> {
            timer.cancel(false);
            done.complete(TaskResult.error(ctx.cancellation().reason()));
        });
        return done;
    }

    /** The first of period and duration that is set; empty if that one is not a duration or neither is set. */
    private static Optional<Duration> wait(Map<String, Object> opts) {
        for (String key : KEYS) {
            if (opts.get(key) != null) {
                return Durations.parse(Opts.string(opts, key));
            }
        }
        return Optional.empty();
    }
}
