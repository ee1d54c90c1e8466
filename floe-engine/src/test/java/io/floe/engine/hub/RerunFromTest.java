package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.RerunRefused;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeResult;
import io.floe.engine.run.Provenance;
import io.floe.engine.run.RerunFrom;
import io.floe.engine.run.RunResult;
import io.floe.engine.view.RunNodeView;
import io.floe.engine.view.RunView;
import io.floe.engine.view.StartedBy;
import io.floe.engine.workspace.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-run from a step takes over what the old run did well (no process started for it: every task appends its name to
 * a ledger file) and starts again at the failed step, or a named one, and what follows, in a copy of the old workspace.
 */
class RerunFromTest {
    @TempDir
    Path dir;

    /**
     * prep writes a file; left and right follow it; right needs that file and the file {@code fixed}; a merge waits
     * for both (for left through left-seen, which follows it and marks that left's end was routed). right fails only
     * once that mark is there, so its failure never ends the run before left is done: left's process having written
     * its line is not yet its end in the hub.
     */
    private String flow() {
        Path ledger = dir.resolve("ledger");
        Path fixed = dir.resolve("fixed");
        return """
                flows:
                  - id: build
                    ver: 1
                    triggers:
                      - {name: go, type: data, opts: {form: {title: Go, fields: [{id: who, prompt: Who, type: text}]}}}
                    tasks:
                      - {name: prep, listen: trigger.good, type: exec, opts: {shell: "echo prep >> %1$s; echo made > made.txt"}}
                      - {name: left, listen: task.prep.good, type: exec, opts: {shell: "echo left >> %1$s"}}
                      - {name: left-seen, listen: task.left.good, type: exec, opts: {shell: "touch left-seen"}}
                      - {name: right, listen: task.prep.good, type: exec, opts: {shell: "until test -f left-seen; do sleep 0.02; done; echo right >> %1$s; test -f made.txt && test -f %2$s"}}
                      - {id: both, class: merge, type: all, wait: [task.left-seen.good, task.right.good]}
                      - {name: after, listen: merge.both.good, type: exec, opts: {shell: "echo after $FLOE_VALUE_WHO >> %1$s"}}
                      - {name: end, listen: task.after.good, type: end}
                """.formatted(ledger, fixed);
    }

    private List<String> ledger() throws Exception {
        Path p = dir.resolve("ledger");
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    private HostedRef firstRun(TestHost h) {
        HostedRef run = h.trigger("build", "go", Map.of("who", "ann"));
        h.events.awaitEnd(run);
        return run;
    }

    private static NodeResult result(RunView v, String node) {
        return v.graph().stream().flatMap(List::stream).filter(n -> n.id().equals(node)).map(RunNodeView::result).findFirst()
                .map(r -> r.isEmpty() ? null : NodeResult.valueOf(r.toUpperCase())).orElse(null);
    }

    @Test
    void fromFailedTakesOverTheGoodStepsAndStartsTheFailedBranchAgainInACopyOfTheWorkspace() throws Exception {
        try (TestHost h = TestHost.start(flow(), dir)) {
            HostedRef first = firstRun(h);
            assertThat(h.floe.runView(first).orElseThrow().summary().result()).isEqualTo("bad");
            assertThat(ledger()).containsExactlyInAnyOrder("prep", "left", "right");

            Files.writeString(dir.resolve("fixed"), "yes");
            HostedRef again = h.floe.rerun(first, "bob", RerunFrom.FAILED).join().pends().get(0).id();
            assertThat(h.events.awaitEnd(again).good()).isTrue();

            // prep and left were taken over, not started: only right (now fixed) and what follows the merge ran
            assertThat(ledger().subList(3, ledger().size())).containsExactly("right", "after ann");
            assertThat(h.events.tags(again)).contains("task.prep.good", "task.left.good", "task.right.good",
                    "merge.both.good", "task.after.good");
            RunView view = h.floe.runView(again).orElseThrow();
            assertThat(result(view, "prep")).isEqualTo(NodeResult.SUCCESS);
            assertThat(result(view, "both")).isEqualTo(NodeResult.SUCCESS);
            assertThat(h.floe.log(again, "prep", 0, 10)).containsExactly("not run again: taken over from run "
                    + first + ", which this run re-runs from a step");
            Path ws = RerunPlan.workspaceOf(h.stored(again).record(), dir);
            assertThat(ws.resolve("made.txt")).hasContent("made"); // prep's file, copied from the first run's

            StartedBy by = view.summary().startedBy();
            assertThat(by.rerunOf()).isEqualTo(first.toString());
            assertThat(by.rerunFrom()).isEqualTo("failed");
            assertThat(by.text()).isEqualTo("bob (re-run of " + first + " from the failed steps)");
        }
    }

    @Test
    void anAnsweredSignOffIsTakenOverWithItsValuesNotAskedAgain() throws Exception {
        String yaml = """
                flows:
                  - id: ship
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: sign-off, listen: trigger.good, type: data,
                         opts: {form: {title: Sign off, fields: [{id: approver, prompt: Who, type: text}]}}}
                      - {name: deploy, listen: task.sign-off.good, type: exec,
                         opts: {shell: "echo deploy $FLOE_VALUE_APPROVER >> %s; test -f %s"}}
                      - {name: end, listen: task.deploy.good, type: end}
                """.formatted(dir.resolve("ledger"), dir.resolve("fixed"));
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef first = h.trigger("ship");
            h.events.awaitTag(first, "sys.data.required");
            assertThat(h.floe.supplyData(first, "sign-off", Map.of("approver", "carol")).join().accepted()).isTrue();
            assertThat(h.events.awaitEnd(first).good()).isFalse();

            Files.writeString(dir.resolve("fixed"), "yes");
            HostedRef again = h.floe.rerun(first, "bob", RerunFrom.FAILED).join().pends().get(0).id();
            assertThat(h.events.awaitEnd(again).good()).isTrue();
            assertThat(h.events.tags(again)).contains("task.sign-off.good").doesNotContain("sys.data.required");
            assertThat(ledger()).containsExactly("deploy carol", "deploy carol");
            assertThat(result(h.floe.runView(again).orElseThrow(), "sign-off")).isEqualTo(NodeResult.SUCCESS);
        }
    }

    @Test
    void fromANodeDoesThatNodeAndWhatFollowsAgain() throws Exception {
        Files.writeString(dir.resolve("fixed"), "yes");
        try (TestHost h = TestHost.start(flow(), dir)) {
            HostedRef first = firstRun(h);
            assertThat(ledger()).containsExactlyInAnyOrder("prep", "left", "right", "after ann");

            HostedRef again = h.floe.rerun(first, "bob", new RerunFrom("left")).join().pends().get(0).id();
            assertThat(h.events.awaitEnd(again).good()).isTrue();
            assertThat(ledger().subList(4, ledger().size())).containsExactly("left", "after ann");
            assertThat(Provenance.of(h.stored(again).record().opts()).describe())
                    .isEqualTo("bob (re-run of " + first + " from node left)");
        }
    }

    @Test
    void aWorkspaceThatIsGoneIsRefusedNotPretended() throws Exception {
        try (TestHost h = TestHost.start(flow(), dir)) {
            HostedRef first = firstRun(h);
            Path ws = RerunPlan.workspaceOf(h.stored(first).record(), dir);
            FileTrees.delete(ws);
            assertThatThrownBy(() -> h.floe.rerun(first, "bob", RerunFrom.FAILED))
                    .isInstanceOfSatisfying(RerunRefused.class,
                            r -> assertThat(r.reason()).isEqualTo(RerunRefused.Reason.WORKSPACE_GONE))
                    .hasMessage("the workspace of run " + first + " (" + ws + ") is gone, so what its steps left"
                            + " there can not be taken over: re-run it whole instead (leave out from)");
            assertThat(h.floe.rerun(first, "bob").join().pends()).hasSize(1); // a whole re-run still can
        }
    }

    @Test
    void aMissingNodeATriggerAndAGoodRunAreRefusedSayingWhy() throws Exception {
        Files.writeString(dir.resolve("fixed"), "yes");
        try (TestHost h = TestHost.start(flow(), dir)) {
            HostedRef good = firstRun(h);
            assertThat(h.floe.runView(good).orElseThrow().summary().result()).isEqualTo(RunResult.GOOD.wire());
            assertThatThrownBy(() -> h.floe.rerun(good, "bob", new RerunFrom("nosuch")))
                    .isInstanceOf(RerunRefused.class)
                    .hasMessage("flow build version 1 (which run " + good + " ran) has no node nosuch to re-run"
                            + " from; its nodes: prep, left, left-seen, right, both, after, end");
            assertThatThrownBy(() -> h.floe.rerun(good, "bob", new RerunFrom("go")))
                    .hasMessage("node go is a trigger of flow build: to start from it, re-run the whole run (leave"
                            + " out from)");
            assertThatThrownBy(() -> h.floe.rerun(good, "bob", RerunFrom.FAILED))
                    .hasMessage("run " + good + " ended good: no step failed to re-run from; re-run it whole, or"
                            + " name a node with from=<node id>");
            assertThat(ledger()).hasSize(4); // nothing started
        }
    }
}
