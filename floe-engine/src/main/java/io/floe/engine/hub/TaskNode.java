package io.floe.engine.hub;

import io.floe.engine.config.CodeOptions;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.config.SecretValues;
import io.floe.engine.event.Event;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.NodeResult;
import io.floe.engine.run.RunEnd;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.Cancellation;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A task of any task type (floe-spec §3.5): each event that reaches it starts it (again, stopping an attempt still
 * running), once the turn is saved; its finish is recorded and emits its exit status's tag.
 */
final class TaskNode implements NodeBehaviour {
    private final HubSettings settings;
    private final TaskStarter starter;
    private final Clock clock;

    TaskNode(HubSettings settings, TaskStarter starter) {
        this.settings = settings;
        this.starter = starter;
        this.clock = settings.clock();
    }

    @Override
    public boolean arrive(ActiveRun run, NodeConfig n, Event e, Turn turn) {
        Map<String, Object> opts = CodeOptions.taskOpts(e.opts(), configuredCode(run.record, e), n.opts());
        long attempt = run.nextAttempt(n.id());
        NodeRecord previous = run.nodes.get(n.id());
        long priorLines = previous == null ? 0 : previous.logLines();
        NodeRecord rec = NodeRecord.startedTask(n.id(), clock.instant()).withLogLines(priorLines);
        run.nodes.put(n.id(), rec);
        turn.batch.node(run.record.id(), rec);
        Cancellation cancellation = new Cancellation();
        ActiveRun.Running previousRun = run.running.put(n.id(), new ActiveRun.Running(attempt, cancellation));
        if (previousRun != null) {
            previousRun.cancellation().cancel("restarted by " + e.tag());
        }
        RunRef ref = run.record.ref();
        turn.emit(Event.of(ref, n.ref(), Tags.SYS_NODE_START, false, Map.of()));
        List<String> env = Opts.strings(opts, "env");
        Workspace ws = run.workspace;
        WorkspaceFolder folder = run.folder;
        UnaryOperator<String> mask = SecretValues.lineMask(typedSecrets(run));
        Map<String, String> values = RunValues.variables(run.record, run.nodes.values());
        turn.afterCommit(() -> starter.start(ref, n, opts, env, ws, folder, mask, values, attempt, priorLines,
                cancellation));
        return true;
    }

    /** Records how task {@code n} ended and routes the tag its exit status emits. */
    void finish(ActiveRun run, NodeConfig n, TaskResult result, long logLines, Turn turn) {
        ExitStatus es = ExitStatus.of(n, result);
        NodeRecord before = run.nodes.getOrDefault(n.id(), NodeRecord.startedTask(n.id(), clock.instant()));
        NodeRecord rec = before.finished(clock.instant(), es.good(), result.status(),
                result.error() == null ? "" : result.error(), result.opts()).withLogLines(logLines);
        run.nodes.put(n.id(), rec);
        turn.batch.node(run.record.id(), rec);
        turn.emitAndRoute(Event.of(run.record.ref(), n.ref(), es.tag(), es.good(), result.opts()));
    }

    @Override
    public Optional<String> takenOverTag(NodeConfig n, NodeRecord old) {
        return Optional.of(ExitStatus.of(n, TaskResult.status(old.exitStatus() == null ? 0 : old.exitStatus())).tag());
    }

    /** A task still running is stopped: a run that ended owns no processes. */
    @Override
    public Optional<NodeRecord> runEnds(ActiveRun run, NodeRecord rec, RunEnd end, Instant now) {
        ActiveRun.Running running = run.running.remove(rec.nodeId());
        if (running == null) {
            return Optional.empty();
        }
        String why = NodeResult.stoppedError(end);
        running.cancellation().cancel(why);
        return Optional.of(rec.finished(now, false, null, why, Map.of()));
    }

    /**
     * The code-bearing options the config adds to an event's (floe-spec §2.9): the flow env, then for the run's first
     * tasks the firing trigger's own code-bearing opts from the config, and {@code common.git-key} as
     * {@code key-file}. What the event itself carries is data ({@link CodeOptions}).
     */
    private Map<String, Object> configuredCode(RunRecord rec, Event e) {
        Map<String, Object> out = new TreeMap<>();
        if (Tags.TRIGGER_GOOD.equals(e.tag())) {
            rec.flow().trigger(rec.trigger().id()).ifPresent(t -> out.putAll(CodeOptions.onlyCode(t.opts())));
        }
        List<Object> env = new ArrayList<>(rec.flow().env());
        if (out.get("env") instanceof List<?> triggerEnv) {
            env.addAll(triggerEnv);
        }
        out.put("env", env);
        if (!settings.gitKey().isEmpty()) {
            out.put("key-file", settings.gitKey());
        }
        return out;
    }

    /** What was typed into password fields of the run's forms so far: its output must not show it. */
    static Set<String> typedSecrets(ActiveRun run) {
        Set<String> out = new HashSet<>(SecretValues.typed(run.record.opts()));
        for (NodeRecord n : run.nodes.values()) {
            if (n.kind() == NodeKind.DATA) { // only forms hold typed values; a long chain of tasks costs nothing
                out.addAll(SecretValues.typed(n.opts()));
            }
        }
        return out;
    }
}
