package io.floe.engine.config;

import io.floe.engine.graph.FlowGraph;
import io.floe.engine.graph.TagMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Link problems of a flow that do not stop it from loading, because configs written for the original have them and
 * still ran: listens and waits that no node of the flow emits, and nodes no trigger can lead to. Each is located at
 * its node, in the file the flow's tasks came from ({@link FlowConfig#source()}).
 */
public final class FlowWarnings {
    private FlowWarnings() {}

    /**
     * The warnings for {@code flow}.
     *
     * @param path where the flow sits, e.g. {@code flow 1}; empty for a flow-file
     */
    public static List<ConfigProblem> of(FlowConfig flow, String path) {
        return of(flow, flow.source(), path);
    }

    /**
     * The warnings for {@code flow}, located in {@code file} (where its tasks were written).
     *
     * @param path where the flow sits, e.g. {@code flow 1}; empty for a flow-file
     */
    public static List<ConfigProblem> of(FlowConfig flow, String file, String path) {
        FlowGraph graph = FlowGraph.of(flow);
        List<ConfigProblem> out = new ArrayList<>();
        List<NodeConfig> tasks = flow.tasks();
        for (int i = 0; i < tasks.size(); i++) {
            NodeConfig n = tasks.get(i);
            String at = Problems.join(path, "task " + i);
            List<String> tags = n.isMerge() ? n.waits() : n.listen().isEmpty() ? List.of() : List.of(n.listen());
            String field = n.isMerge() ? "wait" : "listen";
            String outcome = n.isMerge() ? "the merge can never complete" : "the task will never run";
            if (n.isMerge() && n.type().equals("any")) {
                outcome = "the merge ignores it";
            }
            for (String tag : tags) {
                TagMatch match = graph.match(tag);
                if (match == TagMatch.MALFORMED) {
                    out.add(warning(file, n, at, field + " '" + tag + "' is not an event tag (expected trigger.good, "
                            + "task.<id>.<result> or merge.<id>.good); " + outcome));
                } else if (match == TagMatch.UNMATCHED) {
                    String why = tag.equals("trigger.good") ? "can not fire, as the flow has no triggers"
                            : "matches no node of this flow";
                    out.add(warning(file, n, at, field + " '" + tag + "' " + why + "; " + outcome));
                }
            }
        }
        Set<String> reported = new HashSet<>();
        for (String id : graph.unreachable()) {
            for (int i = 0; i < tasks.size(); i++) {
                NodeConfig n = tasks.get(i);
                if (n.id().equals(id) && reported.add(id)) {
                    out.add(warning(file, n, Problems.join(path, "task " + i),
                            "node '" + id + "' can not be reached from any trigger, so it will never run"));
                }
            }
        }
        return out;
    }

    private static ConfigProblem warning(String file, NodeConfig node, String path, String message) {
        return new ConfigProblem(file, node.line(), path, message);
    }
}
