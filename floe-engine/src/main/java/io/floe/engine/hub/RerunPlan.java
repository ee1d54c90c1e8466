package io.floe.engine.hub;

import io.floe.engine.RerunRefused;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.graph.FlowEdge;
import io.floe.engine.graph.FlowGraph;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.NodeResult;
import io.floe.engine.run.RerunFrom;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunResult;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a re-run from a step takes over from the run it re-runs: the old run's successful tasks and completed data
 * nodes that do not follow from where it starts again. Their records stand in for doing them again: when the new run
 * reaches one, it emits the event the old one emitted, with its outputs, and starts no process. The start set is the
 * old run's failed, cancelled and interrupted tasks and data nodes ({@link RerunFrom#FAILED}), or the named node;
 * everything that listens to it, directly or further on, is done again.
 */
public final class RerunPlan {
    /** Nothing taken over: a run that starts afresh. */
    static final RerunPlan NONE = new RerunPlan(HostedRef.NONE, Map.of(), null);

    private final HostedRef source;
    private final Map<String, NodeRecord> kept;
    private final Path workspace;

    private RerunPlan(HostedRef source, Map<String, NodeRecord> kept, Path workspace) {
        this.source = source;
        this.kept = Map.copyOf(kept);
        this.workspace = workspace;
    }

    /**
     * Checks that {@code old} can be re-run from {@code from} on a host whose workspaces are under
     * {@code workspaceRoot}, and plans it.
     *
     * @throws RerunRefused naming why not and what to do instead
     */
    public static RerunPlan check(StoredRun old, RerunFrom from, Path workspaceRoot) {
        RunRecord rec = old.record();
        FlowConfig flow = rec.flow();
        if (rec.ended() == null) {
            throw new RerunRefused(RerunRefused.Reason.NOT_ENDED, "run " + rec.id() + " has not ended: wait for its"
                    + " end, or cancel it, before re-running it");
        }
        if (!from.failed() && flow.task(from.node()).isEmpty()) {
            if (flow.trigger(from.node()).isPresent()) {
                throw new RerunRefused(RerunRefused.Reason.TRIGGER_NODE, "node " + from.node() + " is a trigger of"
                        + " flow " + flow.id() + ": to start from it, re-run the whole run (leave out from)");
            }
            throw new RerunRefused(RerunRefused.Reason.NO_SUCH_NODE, "flow " + flow.id() + " version " + flow.ver()
                    + " (which run " + rec.id() + " ran) has no node " + from.node() + " to re-run from; its nodes: "
                    + String.join(", ", flow.tasks().stream().map(NodeConfig::id).toList()));
        }
        if (from.failed() && rec.result() == RunResult.GOOD) {
            throw new RerunRefused(RerunRefused.Reason.RUN_WAS_GOOD, "run " + rec.id() + " ended good: no step"
                    + " failed to re-run from; re-run it whole, or name a node with from=<node id>");
        }
        if (from.failed() && startSet(old, from).isEmpty()) {
            throw new RerunRefused(RerunRefused.Reason.NOTHING_FAILED, "run " + rec.id() + " has no failed, cancelled"
                    + " or interrupted step to start again from: re-run it whole");
        }
        Path ws = workspaceOf(rec, workspaceRoot);
        if (!Files.isDirectory(ws)) {
            throw new RerunRefused(RerunRefused.Reason.WORKSPACE_GONE, "the workspace of run " + rec.id() + " (" + ws
                    + ") is gone, so what its steps left there can not be taken over: re-run it whole instead"
                    + " (leave out from)");
        }
        return of(old, from, workspaceRoot);
    }

    /** The plan for re-running {@code old} from {@code from}, unchecked (the request was checked when it came). */
    static RerunPlan of(StoredRun old, RerunFrom from, Path workspaceRoot) {
        Set<String> again = downstream(old.record().flow(), startSet(old, from));
        Map<String, NodeRecord> kept = new TreeMap<>();
        for (NodeRecord n : old.nodes().values()) {
            if (n.kind() != NodeKind.MERGE && !again.contains(n.nodeId())
                    && NodeResult.of(n.kind(), n, old.record()) == NodeResult.SUCCESS) {
                kept.put(n.nodeId(), n);
            }
        }
        return new RerunPlan(old.record().id(), kept, workspaceOf(old.record(), workspaceRoot));
    }

    /** Where the workspace of run {@code rec} is on a host with this workspace root. */
    static Path workspaceOf(RunRecord rec, Path workspaceRoot) {
        return Workspace.of(workspaceRoot, rec.flow().ref(), rec.id(), rec.flow().reuseSpace()).root();
    }

    /** The run whose work is taken over; {@link HostedRef#NONE} for a run that starts afresh. */
    HostedRef source() {
        return source;
    }

    /** The old run's workspace, which the new run's starts as a copy of; null for a run that starts afresh. */
    Path workspace() {
        return workspace;
    }

    /** The old run's record of {@code nodeId} when the new run takes it over instead of doing it again. */
    Optional<NodeRecord> kept(String nodeId) {
        return Optional.ofNullable(kept.get(nodeId));
    }

    /** The ids of the nodes taken over. */
    Set<String> keptIds() {
        return kept.keySet();
    }

    private static Set<String> startSet(StoredRun old, RerunFrom from) {
        if (!from.failed()) {
            return Set.of(from.node());
        }
        Set<String> out = new LinkedHashSet<>();
        for (NodeRecord n : old.nodes().values()) {
            NodeResult r = NodeResult.of(n.kind(), n, old.record());
            if (n.kind() != NodeKind.MERGE && (r == NodeResult.FAILED || r == NodeResult.CANCELLED
                    || r == NodeResult.INTERRUPTED)) {
                out.add(n.nodeId());
            }
        }
        return out;
    }

    /** {@code start} and every node that listens to one of them, directly or further on. */
    private static Set<String> downstream(FlowConfig flow, Set<String> start) {
        Map<String, List<String>> next = new HashMap<>();
        for (FlowEdge e : FlowGraph.of(flow).edges()) {
            next.computeIfAbsent(e.from(), k -> new java.util.ArrayList<>()).add(e.to());
        }
        Set<String> seen = new LinkedHashSet<>(start);
        ArrayDeque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            for (String to : next.getOrDefault(todo.poll(), List.of())) {
                if (seen.add(to)) {
                    todo.add(to);
                }
            }
        }
        return seen;
    }
}
