package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.DataReceipt;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing of a run's events through tasks, merges, data nodes and end nodes (floe-spec §3.4–§3.9). */
class RunRoutingTest {
    @TempDir
    Path dir;

    /** The verified event sequence of floe-spec §3.9. */
    @Test
    void eventSequenceOfARunWithUseStatusDataAndMerge() throws Exception {
        String yaml = """
                flows:
                  - id: seq
                    ver: 1
                    triggers:
                      - name: start
                        type: data
                        opts: {form: {title: Start, fields: [{id: branch, prompt: Branch, type: text}]}}
                    tasks:
                      - name: build
                        listen: trigger.good
                        type: exec
                        use-status: true
                        good: [0, 3]
                        opts: {shell: "echo building ; exit 3"}
                      - name: sign off
                        listen: task.build.3
                        type: data
                        opts: {form: {title: Sign off, fields: [{id: ok, prompt: "OK?", type: text}]}}
                      - id: wait
                        class: merge
                        type: any
                        wait: [task.sign-off.good]
                      - name: done
                        listen: merge.wait.good
                        type: end
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef run = h.trigger("seq", "start", Map.of("branch", "main"));
            assertThat(run).isEqualTo(new HostedRef("h1", 1));
            h.events.awaitTag(run, Tags.SYS_DATA_REQUIRED);
            DataReceipt receipt = h.floe.supplyData(run, "sign-off", Map.of("ok", "yes")).join();
            assertThat(receipt.accepted()).isTrue();
            assertThat(receipt.complete()).isTrue();
            Event end = h.events.awaitEnd(run);
            assertThat(end.good()).isTrue();
            assertThat(end.sourceNode().id()).isEqualTo("done");

            List<String> tags = h.events.tags(run);
            assertThat(tags).containsSubsequence(Tags.SYS_STATE, Tags.TRIGGER_GOOD, Tags.SYS_NODE_START,
                    Tags.SYS_NODE_UPDATE, "task.build.3", Tags.SYS_DATA_REQUIRED, Tags.INBOUND_DATA,
                    "task.sign-off.good", Tags.SYS_NODE_UPDATE, "merge.wait.good", Tags.SYS_END_ALL);
            assertThat(h.events.output(run, "build")).containsSubsequence("building", "", "exited with status: 3");
            Event build3 = h.events.awaitTag(run, "task.build.3");
            assertThat(build3.good()).isTrue();
            Event trigger = h.events.awaitTag(run, Tags.TRIGGER_GOOD);
            assertThat(trigger.opts()).containsEntry("branch", "main");
            assertThat(trigger.runRef().execHost()).isEqualTo("h1");

            RunRecord rec = h.stored(run).record();
            assertThat(rec.status()).isEqualTo(RunStatus.ARCHIVED);
            assertThat(rec.good()).isTrue();
            assertThat(rec.endReason()).isEqualTo("reached end node done");
            NodeRecord signOff = h.stored(run).nodes().get("sign-off");
            assertThat(signOff.enabled()).isFalse();
            assertThat(signOff.opts()).containsKey("values");
        }
    }

    @Test
    void eventIdsIncreaseInPublishOrder() throws Exception {
        try (TestHost h = TestHost.start(twoStep("exit 0"), dir)) {
            HostedRef run = h.trigger("two");
            h.events.awaitEnd(run);
            List<Long> ids = h.events.all().stream().map(Event::id).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(ids.get(0)).isEqualTo(1L);
        }
    }

    @Test
    void aBadEventNobodyListensToEndsTheRunBad() throws Exception {
        try (TestHost h = TestHost.start(twoStep("echo failing; exit 1"), dir)) {
            HostedRef run = h.trigger("two");
            Event end = h.events.awaitEnd(run);
            assertThat(end.good()).isFalse();
            assertThat(end.sourceNode().id()).isEqualTo("first");
            assertThat(h.events.tags(run)).contains("task.first.bad").doesNotContain("task.second.good");
            assertThat(h.stored(run).record().endReason()).isEqualTo("ended bad: no node listens to task.first.bad");
            assertThat(h.floe.log(run, "first", 0, 100)).contains("failing", "exited with status: 1");
        }
    }

    @Test
    void ignoreFailTurnsAFailureIntoGood() throws Exception {
        String yaml = twoStep("exit 1").replace("type: exec\n        opts: {shell: \"exit 1\"}",
                "type: exec\n        ignore-fail: true\n        opts: {shell: \"exit 1\"}");
        assertThat(yaml).contains("ignore-fail");
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef run = h.trigger("two");
            Event end = h.events.awaitEnd(run);
            assertThat(end.good()).isTrue();
            assertThat(h.events.tags(run)).contains("task.first.good", "task.second.good");
        }
    }

    @Test
    void aMergeOfAllWaitsForEveryBranch() throws Exception {
        String yaml = """
                flows:
                  - id: fan
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: a, listen: trigger.good, type: exec, opts: {shell: "echo a"}}
                      - {name: b, listen: trigger.good, type: exec, opts: {shell: "sleep 0.2; echo b"}}
                      - {name: c, listen: trigger.good, type: exec, opts: {shell: "sleep 0.4; echo c"}}
                      - {id: all, class: merge, wait: [task.a.good, task.b.good, task.c.good]}
                      - {name: end, listen: merge.all.good, type: end}
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef run = h.trigger("fan");
            assertThat(h.events.awaitEnd(run).good()).isTrue();
            List<String> tags = h.events.tags(run);
            int merged = tags.indexOf("merge.all.good");
            assertThat(tags.indexOf("task.a.good")).isLessThan(merged);
            assertThat(tags.indexOf("task.b.good")).isLessThan(merged);
            assertThat(tags.indexOf("task.c.good")).isLessThan(merged);
            assertThat(tags.stream().filter("merge.all.good"::equals)).hasSize(1);
            NodeRecord merge = h.stored(run).nodes().get("all");
            assertThat(merge.waits()).containsOnlyKeys("task.a.good", "task.b.good", "task.c.good");
            assertThat(merge.stopped()).isNotNull();
        }
    }

    @Test
    void dataForAnIdleNodeIsRefusedWithAReason() throws Exception {
        String yaml = """
                flows:
                  - id: gate
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: slow, listen: trigger.good, type: exec, opts: {shell: "sleep 30"}}
                      - name: approve
                        listen: task.slow.good
                        type: data
                        opts: {form: {title: Approve, fields: [{id: ok, prompt: OK, type: text}]}}
                      - {name: end, listen: task.approve.good, type: end}
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef run = h.trigger("gate");
            h.events.awaitTag(run, Tags.SYS_NODE_START);
            DataReceipt early = h.floe.supplyData(run, "approve", Map.of("ok", "yes")).join();
            assertThat(early.accepted()).isFalse();
            assertThat(early.message()).contains("approve", "not waiting");
            DataReceipt unknown = h.floe.supplyData(run, "nope", Map.of()).join();
            assertThat(unknown.message()).contains("no data node nope");
            DataReceipt noRun = h.floe.supplyData(new HostedRef("h1", 99), "approve", Map.of()).join();
            assertThat(noRun.message()).contains("h1-99", "not active");
            h.floe.cancel(run, "test over").join();
        }
    }

    @Test
    void aPartialFormKeepsTheNodeWaiting() throws Exception {
        String yaml = """
                flows:
                  - id: form
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - name: ask
                        listen: trigger.good
                        type: data
                        opts: {form: {title: Two, fields: [{id: x, prompt: X, type: text}, {id: y, prompt: Y, type: text}]}}
                      - {name: end, listen: task.ask.good, type: end}
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef run = h.trigger("form");
            h.events.awaitTag(run, Tags.SYS_DATA_REQUIRED);
            DataReceipt half = h.floe.supplyData(run, "ask", Map.of("x", "1")).join();
            assertThat(half.accepted()).isTrue();
            assertThat(half.complete()).isFalse();
            assertThat(h.stored(run).nodes().get("ask").enabled()).isTrue();
            DataReceipt whole = h.floe.supplyData(run, "ask", Map.of("x", "1", "y", "2")).join();
            assertThat(whole.complete()).isTrue();
            assertThat(h.events.awaitEnd(run).good()).isTrue();
        }
    }

    static String twoStep(String firstScript) {
        return """
                flows:
                  - id: two
                    ver: 1
                    triggers:
                      - {name: go, type: data}
                    tasks:
                      - name: first
                        listen: trigger.good
                        type: exec
                        opts: {shell: "%s"}
                      - name: second
                        listen: task.first.good
                        type: exec
                        opts: {shell: "echo second"}
                """.formatted(firstScript);
    }
}
