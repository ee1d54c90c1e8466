package io.floe.engine.view;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.config.DataForm;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.config.SecretValues;
import io.floe.engine.event.HostedRef;
import io.floe.engine.graph.FlowEdge;
import io.floe.engine.graph.FlowGraph;
import io.floe.engine.graph.FlowNodeKind;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.NodeResult;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.TaskLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run as both UIs draw it (floe-spec §6.4): its flow's nodes by level with their states, the edges between them,
 * the nodes no trigger reaches, and the summary. Drawn from the flow definition the run started with.
 */
public record RunView(
        @SerializedName("FlowName") String flowName,
        @SerializedName("Name") String name,
        @SerializedName("Triggers") List<RunNodeView> triggers,
        @SerializedName("Graph") List<List<RunNodeView>> graph,
        @SerializedName("Unreachable") List<RunNodeView> unreachable,
        @SerializedName("Edges") List<FlowEdge> edges,
        @SerializedName("Summary") RunSummary summary,
        @SerializedName("Problems") List<String> problems) {

    /** How many of a task's last log lines a view carries; the rest is read page by page. */
    public static final int LOG_TAIL = 500;

    public static RunView of(StoredRun run, TaskLogs logs) {
        RunRecord rec = run.record();
        FlowConfig flow = rec.flow();
        FlowGraph g = FlowGraph.of(flow);
        List<RunNodeView> triggers = new ArrayList<>();
        for (NodeConfig t : flow.triggers()) {
            boolean fired = t.id().equals(rec.trigger().id());
            triggers.add(new RunNodeView(t.id(), t.name(), t.nodeClass(), t.type(), fired, fields(t, fired
                    ? Opts.stringEntries(rec.opts()) : Map.of()), fired ? rec.adopted() : null, null,
                    fired ? "finished" : "", fired ? "success" : "", "", List.of(), 0, Map.of(), title(t)));
        }
        List<List<RunNodeView>> levels = new ArrayList<>();
        List<List<String>> ids = g.levels();
        for (int i = 1; i < ids.size(); i++) {
            List<RunNodeView> level = new ArrayList<>();
            for (String id : ids.get(i)) {
                g.node(id).ifPresent(n -> level.add(node(n, g.kind(id), run, logs)));
            }
            levels.add(level);
        }
        List<RunNodeView> lost = new ArrayList<>();
        for (String id : g.unreachable()) {
            g.node(id).ifPresent(n -> lost.add(node(n, g.kind(id), run, logs)));
        }
        return new RunView(flow.name(), flow.name() + " " + rec.id(), triggers, levels, lost, g.edges(),
                RunSummary.of(rec), g.problems().isEmpty() ? null : g.problems());
    }

    /**
     * This view without the log tails ({@code Logs} empty, {@code LogLines} kept): for clients that read logs page by
     * page, so a run of many tasks is not sent with 500 lines each.
     */
    public RunView withoutLogs() {
        return new RunView(flowName, name, triggers, graph.stream().map(RunView::withoutLogs).toList(),
                withoutLogs(unreachable), edges, summary, problems);
    }

    private static List<RunNodeView> withoutLogs(List<RunNodeView> nodes) {
        return nodes.stream().map(n -> n.logs() == null || n.logs().isEmpty() ? n : new RunNodeView(n.id(), n.name(), n.nodeClass(),
                n.type(), n.enabled(), n.fields(), n.started(), n.stopped(), n.status(), n.result(), n.error(),
                List.of(), n.logLines(), n.waits(), n.title())).toList();
    }

    private static RunNodeView node(NodeConfig n, FlowNodeKind kind, StoredRun run, TaskLogs logs) {
        NodeRecord r = run.nodes().get(n.id());
        HostedRef id = run.record().id();
        NodeResult state = kind.state(n.id(), r, run.record());
        return switch (kind) {
            case MERGE_ALL, MERGE_ANY -> {
                Map<String, Boolean> waits = new TreeMap<>();
                n.waits().forEach(w -> waits.put(w, false));
                if (r != null) {
                    waits.putAll(r.waits());
                }
                yield new RunNodeView(n.id(), n.name(), n.nodeClass(), n.type(), false, null,
                        r == null ? null : r.started(), r == null ? null : r.stopped(), status(state), result(state),
                        "", List.of(), 0, waits);
            }
            case DATA -> {
                Map<String, Object> values = r == null ? Map.of() : asMap(r.opts().get("values"));
                yield new RunNodeView(n.id(), n.name(), n.nodeClass(), n.type(), r != null && r.enabled(),
                        fields(n, values), r == null ? null : r.started(), r == null ? null : r.stopped(),
                        status(state), result(state), "", List.of(), 0, Map.of(), title(n));
            }
            case END -> {
                java.time.Instant at = state == null ? null : run.record().ended();
                yield new RunNodeView(n.id(), n.name(), n.nodeClass(), n.type(), false, null, at, at, status(state),
                        result(state), "", List.of(), 0, Map.of());
            }
            case TASK -> {
                if (r == null) {
                    yield new RunNodeView(n.id(), n.name(), n.nodeClass(), n.type(), false, null, null, null, "", "",
                            "", List.of(), 0, Map.of());
                }
                long total = r.running() ? logs.count(id, n.id()) : r.logLines();
                List<String> tail = logs.read(id, n.id(), Math.max(0, total - LOG_TAIL), LOG_TAIL);
                yield new RunNodeView(n.id(), n.name(), n.nodeClass(), n.type(), false, null, r.started(),
                        r.stopped(), status(state), result(state), r.error(), tail, Math.max(total, tail.size()),
                        Map.of());
            }
        };
    }

    private static String status(NodeResult state) {
        return state == null ? "" : state.status();
    }

    private static String result(NodeResult state) {
        return state == null ? "" : state.result();
    }

    private static String title(NodeConfig n) {
        String t = DataForm.of(n.opts()).title();
        return t == null ? "" : t;
    }

    private static List<RunNodeView.Field> fields(NodeConfig n, Map<String, ?> values) {
        List<RunNodeView.Field> out = new ArrayList<>();
        for (DataForm.Field f : DataForm.of(n.opts()).fields()) {
            Object v = values.get(f.id());
            out.add(new RunNodeView.Field(f.id(), f.prompt(), f.type(),
                    SecretValues.shown(f, v == null ? f.value() : v.toString())));
        }
        return out.isEmpty() ? null : out;
    }

    private static Map<String, Object> asMap(Object o) {
        Map<String, Object> out = new TreeMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }
}
