package io.floe.engine.embed;

import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import java.util.List;
import java.util.Map;

/**
 * Which run a build starts: the flow (blank: the only one in the document), its trigger (blank: the flow's first) and
 * the values for the trigger's form or opts.
 */
public record RunRequest(String flowId, String triggerId, Map<String, Object> values) {
    public RunRequest {
        flowId = flowId == null ? "" : flowId.trim();
        triggerId = triggerId == null ? "" : triggerId.trim();
        values = Opts.copy(values);
    }

    /** The flow to run: the latest version of the named one, or the only one. */
    public FlowConfig flow(FloeConfig config) throws RunStartException {
        List<String> ids = config.flows().stream().map(FlowConfig::id).distinct().toList();
        if (flowId.isEmpty()) {
            if (ids.size() == 1) {
                return config.latest(ids.get(0)).orElseThrow();
            }
            throw new RunStartException(ids.isEmpty() ? "the YAML has no flows: give it a flow with triggers and tasks"
                    : "the YAML has " + ids.size() + " flows (" + String.join(", ", ids)
                    + "): name the one to run");
        }
        return config.latest(flowId).orElseThrow(() -> new RunStartException("there is no flow with id " + flowId
                + " in the YAML (flows: " + String.join(", ", ids) + ")"));
    }

    /** The trigger to fire: the named one, or the flow's first. */
    public NodeConfig trigger(FlowConfig flow) throws RunStartException {
        List<String> ids = flow.triggers().stream().map(NodeConfig::id).toList();
        if (triggerId.isEmpty()) {
            if (ids.isEmpty()) {
                throw new RunStartException("flow " + flow.id() + " has no triggers: give it one, e.g. a data "
                        + "trigger, to start it from a build");
            }
            return flow.triggers().get(0);
        }
        return flow.trigger(triggerId).orElseThrow(() -> new RunStartException("flow " + flow.id()
                + " has no trigger " + triggerId + " (triggers: " + String.join(", ", ids) + ")"));
    }
}
