package io.floe.engine.spi;

import io.floe.engine.config.NodeConfig;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A kind of task ({@code exec}, {@code timer}, {@code fetch}…). Found with {@link java.util.ServiceLoader}, so an
 * embedder or plugin can add its own by listing the class in {@code META-INF/services/io.floe.engine.spi.TaskType}.
 * {@code data} and {@code end} nodes and merges are handled by the hub itself.
 */
public interface TaskType {
    /** The {@code type} value in YAML. */
    String name();

    /** Problems with the node's configuration, found when the config loads. */
    default List<String> check(NodeConfig node) {
        return List.of();
    }

    /**
     * Starts the task and completes when it ends. Must not block the calling thread (use {@link TaskContext#blocking}).
     * On {@link TaskContext#cancellation} it must stop promptly; its result is then ignored.
     * An exception completing the stage is an execution error.
     */
    CompletionStage<TaskResult> start(TaskContext ctx);
}
