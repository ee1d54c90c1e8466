package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeResult;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunResult;
import io.floe.engine.view.RunNodeView;
import io.floe.engine.view.RunView;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cancelled run ends cancelled, not bad, and its nodes say cancelled: at a pend, a task, a form and a merge. */
class RunResultsTest {
    @TempDir
    Path dir;

    private static final String FLOW = """
            flows:
              - id: release
                ver: 1
                resource-tags: [prod]
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: build, listen: trigger.good, type: exec, opts: {shell: "echo built"}}
                  - {name: soak, listen: task.build.good, type: exec, opts: {shell: "echo soaking; sleep 600"}}
                  - name: sign-off
                    listen: task.build.good
                    type: data
                    opts: {form: {title: Sign off, fields: [{id: ok, prompt: OK, type: text}]}}
                  - {id: both, class: merge, wait: [task.build.good, task.soak.good]}
                  - {name: end, listen: merge.both.good, type: end}
            """;

    @Test
    void aCancelledRunEndsCancelledAndItsWaitingAndRunningNodesSaySo() throws Exception {
        try (TestHost h = TestHost.start(FLOW, dir)) {
            HostedRef run = h.trigger("release");
            h.events.awaitTag(run, Tags.SYS_DATA_REQUIRED);
            h.events.await(e -> e.runRef().run().equals(run) && "soaking".equals(e.opts().get("update")));
            h.events.await(e -> e.runRef().run().equals(run) && e.tag().equals(Tags.SYS_NODE_UPDATE)
                    && e.sourceNode().id().equals("both"));

            assertThat(h.floe.cancel(run, "cancelled by alice").join()).isTrue();
            Event end = h.events.awaitEnd(run);
            assertThat(end.good()).isFalse();
            assertThat(end.opts()).containsEntry("result", "cancelled");
            RunRecord rec = h.stored(run).record();
            assertThat(rec.result()).isEqualTo(RunResult.CANCELLED);
            assertThat(rec.endReason()).isEqualTo("cancelled: cancelled by alice");

            RunView view = h.floe.runView(run).orElseThrow();
            assertThat(view.summary().result()).isEqualTo("cancelled");
            assertThat(view.summary().status()).isEqualTo("bad"); // the original's field keeps its meaning
            assertThat(node(view, "build").result()).isEqualTo("success");
            assertThat(node(view, "soak").result()).isEqualTo("cancelled");
            RunNodeView signOff = node(view, "sign-off");
            assertThat(signOff.status()).isEqualTo("finished");
            assertThat(signOff.result()).isEqualTo("cancelled"); // never a success: nobody signed it off
            assertThat(signOff.enabled()).isFalse();
            assertThat(node(view, "both").result()).isEqualTo("cancelled");
            assertThat(node(view, "end").result()).isEmpty();
        }
    }

    @Test
    void aPendCancelledBeforeItStartedEndsCancelled() throws Exception {
        try (TestHost h = TestHost.start(FLOW, dir)) {
            HostedRef first = h.trigger("release");
            HostedRef second = h.trigger("release"); // waits for the prod resource the first holds
            assertThat(h.floe.cancel(second, "not needed").join()).isTrue();
            Event end = h.events.awaitEnd(second);
            assertThat(end.opts()).containsEntry("result", "cancelled");
            assertThat(h.stored(second).record().result()).isEqualTo(RunResult.CANCELLED);
            assertThat(h.floe.runView(second).orElseThrow().summary().result()).isEqualTo("cancelled");
            h.floe.cancel(first, "done").join();
        }
    }

    @Test
    void aRunThatFailsEndsBadAndOneThatEndsGoodIsGood() throws Exception {
        String yaml = """
                flows:
                  - id: two
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: ok, listen: trigger.good, type: exec, opts: {shell: "exit 0"}}
                      - {name: end, listen: task.ok.good, type: end}
                  - id: broken
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: no, listen: trigger.good, type: exec, opts: {shell: "exit 3"}}
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef good = h.trigger("two");
            assertThat(h.events.awaitEnd(good).opts()).containsEntry("result", "good");
            HostedRef bad = h.trigger("broken");
            assertThat(h.events.awaitEnd(bad).opts()).containsEntry("result", "bad");
            assertThat(h.stored(bad).record().result()).isEqualTo(RunResult.BAD);
            assertThat(node(h.floe.runView(bad).orElseThrow(), "no").result()).isEqualTo("failed");
        }
    }

    @Test
    void aTaskInterruptedByItsHostIsInterruptedNotFailed() {
        RunRecord ended = new RunRecord(null, null, null, Map.of(), io.floe.engine.run.RunStatus.ARCHIVED, null, null,
                null, false, "reached end node end");
        var task = io.floe.engine.run.NodeRecord.startedTask("t", java.time.Instant.EPOCH)
                .finished(java.time.Instant.EPOCH, false, null, RunExecution.INTERRUPTED, Map.of());
        assertThat(NodeResult.of(NodeKind.TASK, task, ended)).isEqualTo(NodeResult.INTERRUPTED);
    }

    private static RunNodeView node(RunView v, String id) {
        return v.graph().stream().flatMap(l -> l.stream()).filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }
}
