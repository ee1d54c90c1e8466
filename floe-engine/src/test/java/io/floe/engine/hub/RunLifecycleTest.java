package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pends, activation, conflicts, cancel and timeouts. */
class RunLifecycleTest {
    @TempDir
    Path dir;

    private static final String SLEEPER = """
            flows:
              - id: sleeper
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - name: nap
                    listen: trigger.good
                    type: exec
                    opts: {shell: "echo $$ > pid; echo napping; sleep 600"}
                  - {name: end, listen: task.nap.good, type: end}
            """;

    @Test
    void cancellingARunKillsItsTaskAndEndsItBadWithTheReason() throws Exception {
        try (TestHost h = TestHost.start(SLEEPER, dir)) {
            HostedRef run = h.trigger("sleeper");
            h.events.await(e -> e.runRef().run().equals(run) && "napping".equals(e.opts().get("update")));
            Path ws = h.floe.workspaceRoot().resolve("spaces/sleeper/ws/h1-1");
            long pid = Long.parseLong(Files.readString(ws.resolve("pid")).trim());
            assertThat(ProcessHandle.of(pid)).isPresent();

            assertThat(h.floe.cancel(run, "no longer needed").join()).isTrue();
            Event end = h.events.awaitEnd(run);
            assertThat(end.good()).isFalse();
            RunRecord rec = h.stored(run).record();
            assertThat(rec.status()).isEqualTo(RunStatus.ARCHIVED);
            assertThat(rec.endReason()).isEqualTo("cancelled: no longer needed");
            NodeRecord nap = h.stored(run).nodes().get("nap");
            assertThat(nap.stopped()).isNotNull();
            assertThat(nap.error()).contains("cancelled");
            awaitGone(pid);
            assertThat(h.floe.cancel(run, "again").join()).isFalse();
        }
    }

    @Test
    void aTaskPastItsTimeoutIsKilledAndEmitsError() throws Exception {
        String yaml = SLEEPER.replace("type: exec\n", "type: exec\n        timeout: 1s\n");
        assertThat(yaml).contains("timeout: 1s");
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef run = h.trigger("sleeper");
            Event err = h.events.awaitTag(run, "task.nap.error");
            assertThat(err.good()).isFalse();
            assertThat(h.events.awaitEnd(run).good()).isFalse();
            assertThat(h.floe.log(run, "nap", 0, 100)).contains("timed out after 1s");
            long pid = Long.parseLong(Files.readString(
                    h.floe.workspaceRoot().resolve("spaces/sleeper/ws/h1-1/pid")).trim());
            awaitGone(pid);
        }
    }

    @Test
    void runsSharingAResourceTagRunOneAfterTheOther() throws Exception {
        String yaml = """
                flows:
                  - id: deploy
                    ver: 1
                    resource-tags: [prod]
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: push, listen: trigger.good, type: exec, opts: {shell: "sleep 0.3"}}
                      - {name: end, listen: task.push.good, type: end}
                  - id: migrate
                    ver: 1
                    resource-tags: [db, prod]
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: run, listen: trigger.good, type: exec, opts: {shell: "true"}}
                      - {name: end, listen: task.run.good, type: end}
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef first = h.trigger("deploy");
            HostedRef second = h.trigger("migrate");
            HostedRef third = h.trigger("deploy");
            h.events.awaitEnd(third);
            List<Event> all = h.events.all();
            int firstEnd = indexOf(all, first, Tags.SYS_END_ALL);
            int secondStart = indexOf(all, second, Tags.TRIGGER_GOOD);
            int secondEnd = indexOf(all, second, Tags.SYS_END_ALL);
            int thirdStart = indexOf(all, third, Tags.TRIGGER_GOOD);
            assertThat(secondStart).isGreaterThan(firstEnd);
            assertThat(thirdStart).isGreaterThan(secondEnd);
            assertThat(h.floe.runs(RunQuery.of("deploy", RunStatus.ARCHIVED, 10)).runs())
                    .extracting(RunRecord::good).containsExactly(true, true);
        }
    }

    @Test
    void reuseSpaceKeepsTheWorkspaceBetweenRunsOfTheFlow() throws Exception {
        String yaml = """
                flows:
                  - id: incremental
                    ver: 1
                    reuse-space: true
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: count, listen: trigger.good, type: exec, opts: {shell: "echo x >> runs; wc -l < runs"}}
                      - {name: end, listen: task.count.good, type: end}
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef one = h.trigger("incremental");
            h.events.awaitEnd(one);
            HostedRef two = h.trigger("incremental");
            h.events.awaitEnd(two);
            assertThat(h.events.output(two, "count")).contains("2");
            assertThat(h.floe.workspaceRoot().resolve("spaces/incremental/ws/single/runs")).exists();
        }
    }

    @Test
    void aFreshWorkspaceIsMadeForEachRunOtherwise() throws Exception {
        String yaml = """
                flows:
                  - id: clean
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: count, listen: trigger.good, type: exec, opts: {shell: "echo x >> runs; wc -l < runs; pwd"}}
                      - {name: end, listen: task.count.good, type: end}
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef one = h.trigger("clean");
            h.events.awaitEnd(one);
            HostedRef two = h.trigger("clean");
            h.events.awaitEnd(two);
            assertThat(h.events.output(two, "count")).contains("1")
                    .anyMatch(l -> l.endsWith("spaces/clean/ws/h1-2"));
        }
    }

    @Test
    void aFolderLeftAtANewRunsPlaceIsEmptiedOnceBeforeItsFirstTask() throws Exception {
        // the memory store numbers runs from 1 again after a restart: run h1-1's old folder is still there
        Path old = dir.resolve("spaces/clean/ws/h1-1");
        Files.createDirectories(old.resolve("deep/er"));
        Files.writeString(old.resolve("deep/er/stale.txt"), "from before the restart");
        String yaml = """
                flows:
                  - id: clean
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: a, listen: trigger.good, type: exec, opts: {shell: "ls -R; touch a-was-here"}}
                      - {name: b, listen: trigger.good, type: exec, opts: {shell: "touch b-was-here"}}
                      - {id: both, class: merge, wait: [task.a.good, task.b.good]}
                      - {name: c, listen: merge.both.good, type: exec, opts: {shell: "ls"}}
                      - {name: end, listen: task.c.good, type: end}
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef run = h.trigger("clean");
            assertThat(run.id()).isEqualTo(1);
            assertThat(h.events.awaitEnd(run).good()).isTrue();
            assertThat(h.events.output(run, "a")).noneMatch(l -> l.contains("stale") || l.contains("deep"));
            // emptied once: what the first tasks wrote is still there for the later one
            assertThat(h.events.output(run, "c")).contains("a-was-here", "b-was-here");
        }
    }

    @Test
    void aWorkspaceThatCanNotBeMadeFailsTheTaskWithTheReasonAndTheHostGoesOn() throws Exception {
        Files.createDirectories(dir.resolve("spaces/broken"));
        Files.writeString(dir.resolve("spaces/broken/ws"), "a file where the runs' folders should go");
        String yaml = """
                flows:
                  - id: broken
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: build, listen: trigger.good, type: exec, opts: {shell: "true"}}
                      - {name: end, listen: task.build.good, type: end}
                  - id: fine
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: build, listen: trigger.good, type: exec, opts: {shell: "true"}}
                      - {name: end, listen: task.build.good, type: end}
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef run = h.trigger("broken");
            assertThat(h.events.awaitEnd(run).good()).isFalse();
            NodeRecord build = h.stored(run).nodes().get("build");
            assertThat(build.error()).contains("could not prepare the workspace",
                    dir.resolve("spaces/broken/ws/h1-1").toString());
            assertThat(h.floe.log(run, "build", 0, 100)).anyMatch(l -> l.contains("could not prepare the workspace"));
            assertThat(h.events.awaitEnd(h.trigger("fine")).good()).isTrue();
        }
    }

    @Test
    void cancellingAPendThatWaitsArchivesItUnstarted() throws Exception {
        String yaml = SLEEPER.replace("ver: 1\n", "ver: 1\n    resource-tags: [one]\n");
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef running = h.trigger("sleeper");
            h.events.awaitTag(running, Tags.SYS_NODE_START);
            HostedRef waiting = h.trigger("sleeper");
            assertThat(h.stored(waiting).record().status()).isEqualTo(RunStatus.PENDING);
            assertThat(h.floe.cancel(waiting, "changed my mind").join()).isTrue();
            h.events.awaitEnd(waiting);
            RunRecord rec = h.stored(waiting).record();
            assertThat(rec.status()).isEqualTo(RunStatus.ARCHIVED);
            assertThat(rec.started()).isNull();
            assertThat(rec.endReason()).contains("before it started", "changed my mind");
            h.floe.cancel(running, "done").join();
        }
    }

    @Test
    void aRunEndingWhileATaskStillRunsStopsThatTask() throws Exception {
        String yaml = """
                flows:
                  - id: race
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: quick, listen: trigger.good, type: exec, opts: {shell: "true"}}
                      - {name: slow, listen: trigger.good, type: exec, opts: {shell: "echo $$ > slow.pid; sleep 600"}}
                      - {name: end, listen: task.quick.good, type: end}
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef run = h.trigger("race");
            assertThat(h.events.awaitEnd(run).good()).isTrue();
            NodeRecord slow = h.stored(run).nodes().get("slow");
            assertThat(slow.stopped()).isNotNull();
            assertThat(slow.error()).contains("the run ended");
        }
    }

    private static int indexOf(List<Event> all, HostedRef run, String tag) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).runRef().run().equals(run) && all.get(i).tag().equals(tag)) {
                return i;
            }
        }
        throw new AssertionError("no " + tag + " for " + run);
    }

    static void awaitGone(long pid) throws InterruptedException {
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            try {
                handle.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("process " + pid + " is still alive", e);
            }
        }
    }
}
