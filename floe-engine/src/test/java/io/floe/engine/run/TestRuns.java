package io.floe.engine.run;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs and node records as the hub makes them, for store tests. Whole numbers in opts are {@code Long} and others
 * {@code Double}, which is how JSON gives them back, so records compare equal after a round trip through any store.
 */
public final class TestRuns {
    public static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456789Z");

    private TestRuns() {}

    public static FlowConfig flow(String id, int ver) {
        NodeConfig trigger = new NodeConfig("trigger", null, "start", "Start", "", List.of(), "data", List.of(),
                false, false, "", Map.of("form", Map.of("title", "Go", "fields", List.of(
                        Map.of("id", "ref", "prompt", "Ref", "type", "text")))), 0);
        NodeConfig build = new NodeConfig("task", null, "build", "Build", "trigger.good", List.of(), "exec",
                List.of(0, 3), false, true, "10m", Map.of("cmd", "make all", "env", List.of("A=1", "B=2"),
                        "retries", 2L, "ratio", 0.5), 0);
        NodeConfig join = new NodeConfig("merge", null, "join", "Join", "", List.of("task.build.good",
                "task.test.good"), "all", List.of(), false, false, "", Map.of(), 0);
        NodeConfig end = new NodeConfig("task", null, "done", "Done", "merge.join.good", List.of(), "end",
                List.of(), false, false, "", Map.of(), 0);
        return new FlowConfig(id, ver, "", "Flow " + id, false, List.of("linux"), List.of("db"), List.of("X=1"),
                List.of(trigger), List.of(build, join, end), "", 0);
    }

    public static RunRecord pend(String host, long n, String flowId, Instant adopted) {
        FlowConfig flow = flow(flowId, 1);
        RunRef ref = new RunRef(new FlowRef(flowId, 1), new HostedRef(host, n), "");
        return new RunRecord(ref, flow, new NodeRef("trigger", "start"),
                Map.of("ref", "main", "count", 7L, "nested", Map.of("k", List.of("a", 1L, 2.5))),
                RunStatus.PENDING, adopted, null, null, false, "");
    }

    public static RunRecord archived(String host, long n, String flowId, Instant adopted) {
        Instant started = adopted.plusSeconds(1);
        return pend(host, n, flowId, adopted).activated("h2", started)
                .archived(started.plusSeconds(60), n % 2 == 0, "end node complete");
    }

    /** An archived run that ended {@code good} or not for {@code reason}. */
    public static RunRecord archivedAs(String host, long n, String flowId, Instant adopted, boolean good,
            String reason) {
        Instant started = adopted.plusSeconds(1);
        return pend(host, n, flowId, adopted).activated("h2", started).archived(started.plusSeconds(60), good, reason);
    }

    public static NodeRecord finishedTask(String nodeId, Instant started) {
        return NodeRecord.startedTask(nodeId, started)
                .finished(started.plusMillis(1500), false, 3, "exit status 3", Map.of("out", "x", "n", 4L))
                .withLogLines(12);
    }

    public static NodeRecord mergeWaiting(String nodeId, Instant when) {
        return new NodeRecord(nodeId, NodeKind.MERGE, when, null, false, null, "",
                Map.of("task.build.good", true, "task.test.good", false), Map.of("ref", "main"), false, 0);
    }

    public static NodeRecord dataWaiting(String nodeId, Instant when) {
        return new NodeRecord(nodeId, NodeKind.DATA, when, null, false, null, "", Map.of(),
                Map.of("form", Map.of("title", "Sign off"), "values", Map.of()), true, 0);
    }
}
