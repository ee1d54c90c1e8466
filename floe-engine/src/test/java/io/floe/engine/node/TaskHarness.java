package io.floe.engine.node;

import io.floe.engine.config.NodeClass;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.spi.Cancellation;
import io.floe.engine.spi.ProcessLauncher;
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
 * Runs one task the way a host would: a real workspace folder, the real {@link LocalProcessLauncher}, real threads,
 * and the output collected. Close it to stop its threads.
 */
public final class TaskHarness implements AutoCloseable {
    private final Workspace workspace;
    private final Map<String, String> baseEnv;
    private final ProcessLauncher launcher;
    private final ExecutorService blocking = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler;
    private final Cancellation cancellation = new Cancellation();
    private final List<String> lines = new ArrayList<>();
    private Predicate<String> hold;
    private CompletableFuture<?> holdUntil;
    private final List<Watch> watches = new ArrayList<>();

    private record Watch(Predicate<String> test, CompletableFuture<String> seen) {}

    public TaskHarness(Path workspace) {
        this(workspace, System.getenv());
    }

    public TaskHarness(Path workspace, Map<String, String> baseEnv) {
        this(workspace, baseEnv, new LocalProcessLauncher());
    }

    /** A harness whose tasks start their processes with {@code launcher}. */
    public TaskHarness(Path workspace, Map<String, String> baseEnv, ProcessLauncher launcher) {
        this(workspace, baseEnv, launcher, Executors.newSingleThreadScheduledExecutor());
    }

    /** A harness whose tasks wait on {@code scheduler}, e.g. a {@link io.floe.engine.TestClock}'s. */
    public TaskHarness(Path workspace, Map<String, String> baseEnv, ProcessLauncher launcher,
            ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        this.workspace = new Workspace(workspace);
        this.baseEnv = baseEnv;
        this.launcher = launcher;
    }

    /** The context of a task node {@code t1} of type {@code type}, with these opts (also as the node's) and env. */
    public TaskContext context(String type, Map<String, Object> opts, List<String> env) {
        return context(type, opts, opts, env);
    }

    /** As {@link #context(String, Map, List)}, with the node's own opts apart from the merged ones. */
    public TaskContext context(String type, Map<String, Object> nodeOpts, Map<String, Object> mergedOpts,
            List<String> env) {
        NodeConfig node = new NodeConfig(NodeClass.TASK, null, "t1", "t1", "trigger.good", null, type, null, false,
                false, null, nodeOpts, 0);
        RunRef run = new RunRef(new FlowRef("flow", 1), new HostedRef("h1", 1), "h1");
        return new TaskContext(run, node, mergedOpts, env, workspace, this::collect, launcher,
                baseEnv, workspace.root().resolve("cache"), cancellation, blocking, scheduler);
    }

    /** Starts the task and waits (at most a minute) for its result. */
    public TaskResult run(TaskType type, Map<String, Object> opts, List<String> env) throws Exception {
        return start(type, opts, env).get(60, TimeUnit.SECONDS);
    }

    public CompletableFuture<TaskResult> start(TaskType type, Map<String, Object> opts, List<String> env) {
        return type.start(context(type.name(), opts, env)).toCompletableFuture();
    }

    /** Completes with the first output line (already seen or yet to come) that passes {@code test}. */
    public synchronized CompletableFuture<String> lineMatching(Predicate<String> test) {
        CompletableFuture<String> seen = new CompletableFuture<>();
        lines.stream().filter(test).findFirst().ifPresentOrElse(seen::complete,
                () -> watches.add(new Watch(test, seen)));
        return seen;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    public Path workspace() {
        return workspace.root();
    }

    /** The output so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Holds the task's reader at the next output line that passes {@code test} until {@code until} completes, as a
     * log slower than the task's output would.
     */
    public synchronized void holdAt(Predicate<String> test, CompletableFuture<?> until) {
        hold = test;
        holdUntil = until;
    }

    private void collect(String line) {
        CompletableFuture<?> wait = null;
        synchronized (this) {
            lines.add(line);
            watches.removeIf(w -> w.test().test(line) && w.seen().complete(line));
            if (hold != null && hold.test(line)) {
                wait = holdUntil;
                hold = null;
            }
        }
        if (wait != null) {
            wait.join();
        }
    }

    @Override
    public void close() {
        blocking.shutdownNow();
        scheduler.shutdownNow();
    }
}
