package io.floe.engine.node.fetch;

import io.floe.engine.config.NodeClass;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.node.LocalProcessLauncher;
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
import java.util.function.Predicate;

/**
 * Runs fetch tasks as a host would: a real workspace folder, a host cache folder, real threads; the output of each
 * run is collected in its own {@link Run}. Close it to stop its threads.
 */
final class FetchHarness implements AutoCloseable {
    private final Path cacheRoot;
    private final ExecutorService blocking = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    FetchHarness(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /** One task run: its output, and a way to cancel it. */
    static final class Run {
        final Workspace workspace;
        final Cancellation cancellation = new Cancellation();
        private final List<String> lines = new ArrayList<>();
        private final List<Map.Entry<Predicate<String>, CompletableFuture<String>>> watches = new ArrayList<>();
        CompletableFuture<TaskResult> result;

        Run(Path workspace) {
            this.workspace = new Workspace(workspace);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        String output() {
            return String.join("\n", lines());
        }

        /** Completes with the first output line, seen or to come, that passes {@code test}. */
        synchronized CompletableFuture<String> lineMatching(Predicate<String> test) {
            CompletableFuture<String> seen = new CompletableFuture<>();
            lines.stream().filter(test).findFirst().ifPresentOrElse(seen::complete,
                    () -> watches.add(Map.entry(test, seen)));
            return seen;
        }

        TaskResult await() throws Exception {
            return result.get(60, TimeUnit.SECONDS);
        }

        private synchronized void line(String line) {
            lines.add(line);
            watches.removeIf(w -> w.getKey().test(line) && w.getValue().complete(line));
        }
    }

    Run start(TaskType type, Path workspace, Map<String, Object> opts, List<String> env) {
        Run run = new Run(workspace);
        NodeConfig node = new NodeConfig(NodeClass.TASK, null, "t1", "t1", "trigger.good", null, type.name(), null,
                false, false, null, opts, 0);
        RunRef ref = new RunRef(new FlowRef("flow", 1), new HostedRef("h1", 1), "h1");
        TaskContext ctx = new TaskContext(ref, node, opts, env, run.workspace, run::line, new LocalProcessLauncher(),
                Map.of("HOME", "/home/floe"), cacheRoot, run.cancellation, blocking, scheduler);
        run.result = type.start(ctx).toCompletableFuture();
        return run;
    }

    Run run(TaskType type, Path workspace, Map<String, Object> opts) throws Exception {
        Run run = start(type, workspace, opts, List.of());
        run.await();
        return run;
    }

    @Override
    public void close() {
        blocking.shutdownNow();
        scheduler.shutdownNow();
    }
}
