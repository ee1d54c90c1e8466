package io.floe.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.TestCatalog;
import io.floe.testflows.TestFlows;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FlowGraphTest {

    private static FlowConfig flow(String fixture, int index) throws Exception {
        return ConfigLoader.parse(TestFlows.text(fixture), fixture, null, new TestCatalog()).flows().get(index);
    }

    private static FlowConfig flowOf(String yaml) throws Exception {
        return ConfigLoader.parse(yaml, "test.yml", null, new TestCatalog()).flows().get(0);
    }

    @Test
    void cfg09_referenceFlowHasSixLevelsAndNoProblems() throws Exception {
        FlowGraph graph = FlowGraph.of(flow("cfg-in.yml", 0));

        assertThat(graph.problems()).isEmpty();
        assertThat(graph.unreachable()).isEmpty();
        assertThat(graph.levels()).containsExactly(
                List.of("input", "start"),
                List.of("checkout"),
                List.of("build", "build-osx"),
                List.of("builds"),
                List.of("test"),
                List.of("complete"));
    }

    @Test
    void originalExampleFlowHasTheVerifiedLevels() throws Exception {
        FlowGraph graph = FlowGraph.of(flow("cfg-original.yml", 0));

        assertThat(graph.levels()).containsExactly(
                List.of("push", "start"),
                List.of("checkout"),
                List.of("build", "echo"),
                List.of("sign-off", "test"),
                List.of("signed"),
                List.of("final-task"),
                List.of("complete"));
    }

    @Test
    void listenersIndexTasksAndMergeWaitsInConfigOrder() throws Exception {
        FlowGraph graph = FlowGraph.of(flow("cfg-in.yml", 0));

        assertThat(graph.listeners("trigger.good")).extracting(NodeConfig::id).containsExactly("checkout");
        assertThat(graph.listeners("task.checkout.good")).extracting(NodeConfig::id)
                .containsExactly("build", "build-osx");
        assertThat(graph.listeners("task.build.good")).extracting(NodeConfig::id).containsExactly("builds");
        assertThat(graph.listeners("task.build.bad")).isEmpty();
    }

    @Test
    void edgesLinkEveryListenAndWaitToItsEmitter() throws Exception {
        FlowGraph graph = FlowGraph.of(flow("cfg-in.yml", 0));

        assertThat(graph.edges()).containsExactly(
                new FlowEdge("input", "checkout", "trigger.good"),
                new FlowEdge("start", "checkout", "trigger.good"),
                new FlowEdge("checkout", "build", "task.checkout.good"),
                new FlowEdge("checkout", "build-osx", "task.checkout.good"),
                new FlowEdge("build", "builds", "task.build.good"),
                new FlowEdge("build-osx", "builds", "task.build-osx.good"),
                new FlowEdge("builds", "test", "merge.builds.good"),
                new FlowEdge("test", "complete", "task.test.good"));
    }

    @Test
    void aRetryLoopTerminatesAndIsLaidOutOnce() throws Exception {
        FlowConfig flow = flowOf("""
                flows:
                  - id: retry
                    triggers: [{id: go, type: data}]
                    tasks:
                      - {id: checkout, type: end, listen: trigger.good}
                      - {id: again, class: merge, type: any, wait: [task.checkout.good, task.fix.good]}
                      - {id: flaky, type: exec, listen: merge.again.good, opts: {cmd: x}}
                      - {id: fix, type: exec, listen: task.flaky.bad, opts: {cmd: y}}
                      - {id: self, type: exec, listen: task.self.bad, opts: {cmd: z}}
                      - {id: done, type: end, listen: task.flaky.good}
                """);

        // the original recursed forever on a loop; here the layout must finish
        FlowGraph graph = CompletableFuture.supplyAsync(() -> FlowGraph.of(flow)).get(10, TimeUnit.SECONDS);

        assertThat(graph.levels()).containsExactly(
                List.of("go"),
                List.of("checkout"),
                List.of("again"),
                List.of("flaky"),
                List.of("done", "fix"));
        assertThat(graph.unreachable()).containsExactly("self");
        assertThat(graph.edges()).contains(new FlowEdge("fix", "again", "task.fix.good"),
                new FlowEdge("self", "self", "task.self.bad"));
    }

    @Test
    void mergesArePlacedBelowTheirDeepestParent() throws Exception {
        FlowGraph graph = FlowGraph.of(flowOf("""
                flows:
                  - id: f
                    triggers: [{id: t, type: data}]
                    tasks:
                      - {id: a, type: end, listen: trigger.good}
                      - {id: b, type: end, listen: task.a.good}
                      - {id: c, type: end, listen: task.b.good}
                      - {id: m, class: merge, wait: [trigger.good, task.c.good]}
                      - {id: z, type: end, listen: trigger.good}
                """));

        assertThat(graph.levels()).containsExactly(List.of("t"), List.of("a", "z"), List.of("b"), List.of("c"),
                List.of("m"));
    }

    @Test
    void unreachableNodesAndDanglingTagsAreProblems() throws Exception {
        FlowConfig flow = flow("cfg-in.yml", 1);
        FlowGraph graph = FlowGraph.of(flow);

        assertThat(graph.levels()).containsExactly(List.of());
        assertThat(graph.unreachable()).containsExactly("checkout");
        assertThat(graph.match("sub.git-push.good")).isEqualTo(TagMatch.UNMATCHED);
        assertThat(graph.problems()).containsExactly(
                "nodes are listening to invalid event: sub.git-push.good, that does not match a node",
                "nodes can not be reached from any trigger: checkout");
    }

    @Test
    void malformedTagsAreProblemsOnce() throws Exception {
        FlowGraph graph = FlowGraph.of(flowOf("""
                flows:
                  - id: f
                    triggers: [{id: t, type: data}]
                    tasks:
                      - {id: a, type: end, listen: trigger.good}
                      - {id: b, type: end, listen: a-done}
                      - {id: c, type: end, listen: a-done}
                      - {id: d, type: end, listen: task.a.good.now}
                      - {id: e, type: end, listen: merge.a.good}
                """));

        assertThat(graph.match("a-done")).isEqualTo(TagMatch.MALFORMED);
        assertThat(graph.match("task.a.whatever")).isEqualTo(TagMatch.MATCHED);
        assertThat(graph.problems()).containsExactly(
                "nodes are listening to invalid event: a-done",
                "nodes are listening to invalid event: task.a.good.now",
                "nodes are listening to invalid event: merge.a.good, that does not match a node",
                "nodes can not be reached from any trigger: b, c, d, e");
    }

    @Test
    void aTaskWithoutListenIsAnInvalidEmptyTag() {
        NodeConfig loose = new NodeConfig("task", null, "x", "x", "", null, "end", null, false, false, null, null, 0);
        FlowConfig flow = new FlowConfig("f", 1, null, "f", false, null, null, null, null, List.of(loose), null, 0);

        assertThat(FlowGraph.of(flow).problems()).first().isEqualTo("nodes are listening to invalid event: ");
    }

    @Test
    void aLongChainIsLaidOutWithoutDeepRecursion() {
        int n = 20_000;
        List<NodeConfig> tasks = new java.util.ArrayList<>();
        NodeConfig trigger = new NodeConfig("trigger", null, "t", "t", null, null, "data", null, false, false, null,
                null, 0);
        for (int i = 0; i < n; i++) {
            String listen = i == 0 ? "trigger.good" : "task.n" + (i - 1) + ".good";
            tasks.add(new NodeConfig("task", null, "n" + i, "n" + i, listen, null, "end", null, false, false, null,
                    null, 0));
        }
        FlowConfig flow = new FlowConfig("f", 1, null, "f", false, null, null, null, List.of(trigger), tasks, null,
                0);

        FlowGraph graph = FlowGraph.of(flow);

        assertThat(graph.levels()).hasSize(n + 1);
        assertThat(graph.levels().get(n)).containsExactly("n" + (n - 1));
    }
}
