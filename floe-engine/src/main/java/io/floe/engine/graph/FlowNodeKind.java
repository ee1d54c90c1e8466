package io.floe.engine.graph;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.NodeResult;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.NodeTypes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node of a flow is, decided once from its configuration: a task (of any task type), a data node (a form), an
 * end node, or a merge of all or of any of its waits. The hub routes by it (one behaviour per kind), the run view
 * draws by it; this is the one place that reads the {@code data}, {@code end} and {@code any} words of a node.
 */
public enum FlowNodeKind {
    TASK,
    DATA,
    END,
    MERGE_ALL,
    MERGE_ANY;

    public static FlowNodeKind of(NodeConfig n) {
        if (n.isMerge()) {
            return "any".equals(n.type()) ? MERGE_ANY : MERGE_ALL;
        }
        return switch (n.type()) {
            case NodeTypes.DATA -> DATA;
            case NodeTypes.END -> END;
            default -> TASK;
        };
    }

    /** The kind of each of {@code flow}'s non-trigger nodes, by id, in config order (the first of a duplicate id). */
    public static Map<String, FlowNodeKind> of(FlowConfig flow) {
        Map<String, FlowNodeKind> out = new LinkedHashMap<>();
        for (NodeConfig n : flow.tasks()) {
            out.putIfAbsent(n.id(), of(n));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Whether it is a merge (of all or of any). */
    public boolean isMerge() {
        return this == MERGE_ALL || this == MERGE_ANY;
    }

    /** The kind of record the run store keeps for such a node; an end node keeps none (its run's end says it all). */
    public NodeKind recordKind() {
        return switch (this) {
            case TASK, END -> NodeKind.TASK;
            case DATA -> NodeKind.DATA;
            case MERGE_ALL, MERGE_ANY -> NodeKind.MERGE;
        };
    }

    /**
     * Where node {@code nodeId} of this kind stands in {@code run} with record {@code r} (null when it has none):
     * null when never reached. An end node is reached when its run ended there.
     */
    public NodeResult state(String nodeId, NodeRecord r, RunRecord run) {
        if (this == END) {
            boolean reached = run.end() != null && run.end().endNode().filter(nodeId::equals).isPresent();
            return !reached ? null : run.good() ? NodeResult.SUCCESS : NodeResult.FAILED;
        }
        return NodeResult.of(recordKind(), r, run);
    }
}
