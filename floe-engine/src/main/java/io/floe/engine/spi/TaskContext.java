package io.floe.engine.spi;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.RunRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything a task needs to run, and nothing of the hub's internals.
 *
 * @param opts        the node's opts merged over the firing event's opts (floe-spec §2.9, §2.11)
 * @param env         environment entries {@code K=V}, in order: flow env, event env, node env (not yet expanded)
 * @param baseEnv     the environment the task's processes start from (the host's, or a Jenkins build's)
 * @param cacheRoot   the host's download cache folder ({@code <store-root>/fetch_cache})
 * @param blocking    runs blocking work (waiting for a process) off the hub's thread
 * @param scheduler   for delays without a blocked thread
 * @param values      the run's form values as {@code FLOE_VALUE_*} variables ({@link ValueVariables}): set in an exec's
 *                    environment as they are, after {@code env}, never substituted
 */
public record TaskContext(
        RunRef run,
        NodeConfig node,
        Map<String, Object> opts,
        List<String> env,
        Workspace workspace,
        OutputSink out,
        ProcessLauncher launcher,
        Map<String, String> baseEnv,
        Path cacheRoot,
        Cancellation cancellation,
        Executor blocking,
        ScheduledExecutorService scheduler,
        Map<String, String> values) {

    public TaskContext {
        env = List.copyOf(env);
        baseEnv = Map.copyOf(baseEnv);
        values = Map.copyOf(values);
    }

    /** A context without form values. */
    public TaskContext(RunRef run, NodeConfig node, Map<String, Object> opts, List<String> env, Workspace workspace,
            OutputSink out, ProcessLauncher launcher, Map<String, String> baseEnv, Path cacheRoot,
            Cancellation cancellation, Executor blocking, ScheduledExecutorService scheduler) {
        this(run, node, opts, env, workspace, out, launcher, baseEnv, cacheRoot, cancellation, blocking, scheduler,
                Map.of());
    }
}
