package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.view.RunNodeView;
import io.floe.engine.view.RunView;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's routing with {@link NoopTask}s, which start no process: each run takes milliseconds. The way to test a
 * rule of routing (merges, data nodes, end nodes); exec tasks only where the process itself matters.
 */
class FastRoutingTest {
    @TempDir
    Path dir;

    private static String flow(String tasks) {
        return """
                flows:
                  - id: f
                    ver: 1
                    triggers:
                      - {name: go, type: data, opts: {form: {title: Go, fields: [{id: why, prompt: Why, type: text}]}}}
                    tasks:
                """ + tasks.indent(6);
    }

    private static HostedRef go(TestHost h) {
        return h.trigger("f", "go", Map.of("why", "test"));
    }

    @Test
    void aMergeOfAllFiresOnceAfterEveryBranch() throws Exception {
        String yaml = flow("""
                - {name: a, listen: trigger.good, type: noop}
                - {name: b, listen: trigger.good, type: noop}
                - {name: c, listen: trigger.good, type: noop}
                - {id: all, class: merge, type: all, wait: [task.a.good, task.b.good, task.c.good]}
                - {name: done, listen: merge.all.good, type: end}
                """);
        try (TestHost h = TestHost.start(yaml, dir, NoopTask.types())) {
            HostedRef run = go(h);
            Event end = h.events.awaitEnd(run);

            assertThat(end.good()).isTrue();
            assertThat(end.sourceNode().id()).isEqualTo("done");
            List<String> tags = h.events.tags(run);
            assertThat(tags).filteredOn("merge.all.good"::equals).hasSize(1);
            int merged = tags.indexOf("merge.all.good");
            for (String task : List.of("a", "b", "c")) {
                assertThat(tags.indexOf("task." + task + ".good")).as(task).isBetween(0, merged);
            }
        }
    }

    @Test
    void aMergeOfAnyFiresOnceOnTheFirstBranch() throws Exception {
        String yaml = flow("""
                - {name: a, listen: trigger.good, type: noop}
                - {name: b, listen: trigger.good, type: noop, opts: {exit: 1}}
                - {id: either, class: merge, type: any, wait: [task.a.good, task.b.bad]}
                - {name: after, listen: merge.either.good, type: noop, opts: {say: merged}}
                - {name: done, listen: task.after.good, type: end}
                """);
        try (TestHost h = TestHost.start(yaml, dir, NoopTask.types())) {
            HostedRef run = go(h);
            Event end = h.events.awaitEnd(run);

            assertThat(end.good()).isTrue();
            assertThat(h.events.tags(run)).filteredOn("merge.either.good"::equals).hasSize(1);
            assertThat(h.events.tags(run)).filteredOn("task.after.good"::equals).hasSize(1);
            assertThat(h.events.output(run, "after")).contains("merged");
        }
    }

    @Test
    void aDataNodeHoldsTheRunUntilItsFormIsAnswered() throws Exception {
        String yaml = flow("""
                - {name: build, listen: trigger.good, type: noop}
                - {name: approve, listen: task.build.good, type: data,
                   opts: {form: {title: Ship it, fields: [{id: ok, prompt: OK, type: text}]}}}
                - {name: ship, listen: task.approve.good, type: noop}
                - {name: done, listen: task.ship.good, type: end}
                """);
        try (TestHost h = TestHost.start(yaml, dir, NoopTask.types())) {
            HostedRef run = go(h);
            h.events.awaitTag(run, Tags.SYS_DATA_REQUIRED);
            assertThat(h.events.tags(run)).doesNotContain("task.ship.good", Tags.SYS_END_ALL);

            assertThat(h.floe.supplyData(run, "approve", Map.of("ok", "yes")).join().accepted()).isTrue();
            Event end = h.events.awaitEnd(run);

            assertThat(end.good()).isTrue();
            assertThat(h.events.tags(run)).containsSubsequence("task.build.good", Tags.SYS_DATA_REQUIRED,
                    "task.approve.good", "task.ship.good", Tags.SYS_END_ALL);
        }
    }

    @Test
    void anEndNodeOnTheBadPathEndsTheRunThereAndNothingElseRuns() throws Exception {
        String yaml = flow("""
                - {name: test, listen: trigger.good, type: noop, opts: {exit: 2}}
                - {name: ship, listen: task.test.good, type: noop}
                - {name: stop, listen: task.test.bad, type: end}
                """);
        try (TestHost h = TestHost.start(yaml, dir, NoopTask.types())) {
            HostedRef run = go(h);
            Event end = h.events.awaitEnd(run);

            assertThat(end.sourceNode().id()).isEqualTo("stop");
            assertThat(h.stored(run).record().endReason()).isEqualTo("reached end node stop");
            assertThat(h.events.tags(run)).contains("task.test.bad").doesNotContain("task.ship.good");
            RunView view = h.floe.runView(run).orElseThrow();
            assertThat(node(view, "stop").status()).isEqualTo("finished");
            assertThat(node(view, "stop").result()).isEqualTo("failed");
            assertThat(node(view, "ship").status()).isEmpty();
        }
    }

    private static RunNodeView node(RunView v, String id) {
        return v.graph().stream().flatMap(List::stream).filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }
}
