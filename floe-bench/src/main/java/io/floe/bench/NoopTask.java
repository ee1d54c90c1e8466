package io.floe.bench;

import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A task type that does nothing and succeeds at once: what is left of a node's cost is the engine's. */
public final class NoopTask implements TaskType {
    public static final String NAME = "noop";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<TaskResult> start(TaskContext ctx) {
        return CompletableFuture.completedFuture(TaskResult.status(0));
    }
}
