package io.floe.engine.hub;

import io.floe.engine.node.Cancellation;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.workspace.Workspace;
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
    private final Map<String, Long> attempts = new HashMap<>();

    /** @param fresh a run starting now, whose folder is emptied before it is made unless its flow reuses it */
    ActiveRun(RunRecord record, Workspace workspace, boolean fresh) {
        this.record = record;
        this.workspace = workspace;
        this.folder = new WorkspaceFolder(workspace, fresh && !record.flow().reuseSpace());
    }

    long nextAttempt(String nodeId) {
        return attempts.merge(nodeId, 1L, Long::sum);
    }
}
