package io.floe.engine.hub;

import io.floe.engine.graph.FlowNodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.Cancellation;
import io.floe.engine.spi.Workspace;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The live state of one active run. Owned by the hub's routing thread; never shared. */
final class ActiveRun {
    /** A task execution in flight: its attempt number and how to stop it. */
    record Running(long attempt, Cancellation cancellation) {}

    RunRecord record;
    final Workspace workspace;
    /** Its folder, made when the first task starts. */
    final WorkspaceFolder folder;
    final Map<String, NodeRecord> nodes = new TreeMap<>();
    final Map<String, Running> running = new HashMap<>();
    /** What it takes over from the run it re-runs from a step; {@link RerunPlan#NONE} for most runs. */
    final RerunPlan plan;
    /** The kind of each node of its flow, decided once when the run is taken in. */
    final Map<String, FlowNodeKind> kinds;
    private final Map<String, Long> attempts = new HashMap<>();

    /** @param fresh a run starting now, whose folder is emptied before it is made unless its flow reuses it */
    ActiveRun(RunRecord record, Workspace workspace, boolean fresh) {
        this(record, workspace, fresh, RerunPlan.NONE);
    }

    /** As above, taking over what {@code plan} says, its folder starting as a copy of the old run's. */
    ActiveRun(RunRecord record, Workspace workspace, boolean fresh, RerunPlan plan) {
        this.record = record;
        this.workspace = workspace;
        this.plan = plan;
        this.kinds = FlowNodeKind.of(record.flow());
        this.folder = new WorkspaceFolder(workspace, fresh && !record.flow().reuseSpace(), plan.workspace());
    }

    /** The kind of node {@code nodeId} of its flow (a task for an id the flow does not have). */
    FlowNodeKind kind(String nodeId) {
        return kinds.getOrDefault(nodeId, FlowNodeKind.TASK);
    }

    long nextAttempt(String nodeId) {
        return attempts.merge(nodeId, 1L, Long::sum);
    }
}
