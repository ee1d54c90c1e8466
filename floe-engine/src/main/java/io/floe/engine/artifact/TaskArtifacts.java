package io.floe.engine.artifact;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.RunRef;
import io.floe.engine.spi.OutputSink;
import io.floe.engine.spi.Workspace;
import java.util.Map;

/**
 * What is done with a task's {@code artifacts} once it has ended, before the hub is told: a host keeps them in its
 * {@link ArtifactStore} ({@link ArtifactKeeper}); an embedder whose tasks run elsewhere (a Jenkins build's agent)
 * archives them its own way.
 */
public interface TaskArtifacts {
    /** Keeps nothing. */
    TaskArtifacts NONE = (run, node, opts, ws, log) -> { };

    /**
     * Keeps what the task's {@code artifacts} option names; each file left out is said in {@code log}. Never throws:
     * a task's result does not depend on its artifacts.
     */
    void keep(RunRef run, NodeConfig node, Map<String, Object> opts, Workspace ws, OutputSink log);

    /** Removes what has been kept for too long; nothing by default. */
    default void sweep() {}
}
