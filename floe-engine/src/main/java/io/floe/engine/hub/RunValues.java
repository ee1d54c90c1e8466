package io.floe.engine.hub;

import io.floe.engine.config.DataForm;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.node.ValueVariables;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form values a run's tasks see as {@code FLOE_VALUE_*} variables ({@link ValueVariables}): the fields of the
 * trigger that started it, then those of its data nodes, in the order they were answered. On a name clash the later
 * answer wins. Field names come from the flow's config, never from the values.
 */
final class RunValues {
    private RunValues() {}

    static Map<String, String> variables(RunRecord run, Collection<NodeRecord> nodes) {
        Map<String, String> out = new LinkedHashMap<>();
        FlowConfig flow = run.flow();
        flow.trigger(run.trigger().id()).ifPresent(t -> ValueVariables.add(out, DataForm.of(t.opts()), run.opts()));
        nodes.stream()
                .filter(n -> n.kind() == NodeKind.DATA && n.good())
                .sorted(Comparator.comparing((NodeRecord n) -> n.stopped() == null ? Instant.MAX : n.stopped())
                        .thenComparing(NodeRecord::nodeId))
                .forEach(n -> flow.task(n.nodeId()).ifPresent(config -> ValueVariables.add(out,
                        DataForm.of(config.opts()), n.opts().get("values") instanceof Map<?, ?> m ? strings(m)
                                : Map.of())));
        return out;
    }

    private static Map<String, Object> strings(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
