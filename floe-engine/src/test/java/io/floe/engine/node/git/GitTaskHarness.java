package io.floe.engine.node.git;

import io.floe.engine.config.NodeClass;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.spi.Cancellation;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import io.floe.engine.spi.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one git task as a host would: a real workspace folder, a home folder of its own (so the user's real
 * {@code ~/.ssh} is never read), real threads, output collected. Close it to stop its threads.
 */
final class GitTaskHarness implements AutoCloseable {
    private final Workspace workspace;
    private final Path home;
    private final ExecutorService blocking = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Cancellation cancellation = new Cancellation();
    private final List<String> lines = new ArrayList<>();

    GitTaskHarness(Path workspace, Path home) {
        this.workspace = new Workspace(workspace);
        this.home = home;
    }

    TaskContext context(String type, Map<String, Object> opts, List<String> env) {
        NodeConfig node = new NodeConfig(NodeClass.TASK, null, "t1", "t1", "trigger.good", null, type, null, false,
                false, null, opts, 0);
        RunRef run = new RunRef(new FlowRef("flow", 1), new HostedRef("h1", 1), "h1");
        return new TaskContext(run, node, opts, env, workspace, this::collect, null,
                Map.of("HOME", home.toString()), workspace.root().resolve("cache"), cancellation, blocking,
                scheduler);
    }

    CompletableFuture<TaskResult> start(TaskType type, Map<String, Object> opts, List<String> env) {
        return type.start(context(type.name(), opts, env)).toCompletableFuture();
    }

    /** Runs the task and waits (at most a minute) for its result. */
    TaskResult run(TaskType type, Map<String, Object> opts, List<String> env) throws Exception {
        return start(type, opts, env).get(60, TimeUnit.SECONDS);
    }

    TaskResult run(TaskType type, Map<String, Object> opts) throws Exception {
        return run(type, opts, List.of());
    }

    Cancellation cancellation() {
        return cancellation;
    }

    Path workspace() {
        return workspace.root();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized void clear() {
        lines.clear();
    }

    private synchronized void collect(String line) {
        lines.add(line);
    }

    @Override
    public void close() {
        blocking.shutdownNow();
        scheduler.shutdownNow();
    }
}
