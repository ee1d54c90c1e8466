package io.floe.engine.hub;

import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A task type for routing tests: it starts no process and ends at once, with the status its {@code exit} opt names
 * (default 0), after writing its {@code say} opt as an output line if there is one. A run of such tasks takes
 * milliseconds, so the hub's routing (merges, data nodes, end nodes) is tested without waiting for processes.
 */
public final class NoopTask implements TaskType {
    public static final String TYPE = "noop";

    /** The node types a host finds, with this one. */
    public static NodeTypes types() {
        return NodeTypes.discover().with(new NoopTask());
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public CompletionStage<TaskResult> start(TaskContext ctx) {
        Object say = ctx.node().opts().get("say");
        if (say != null) {
            ctx.out().line(say.toString());
        }
        Object exit = ctx.node().opts().getOrDefault("exit", 0);
        return CompletableFuture.completedFuture(TaskResult.status(Integer.parseInt(exit.toString())));
    }
}
