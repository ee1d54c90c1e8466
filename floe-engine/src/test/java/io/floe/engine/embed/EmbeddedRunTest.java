package io.floe.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.config.FloeConfig;
import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.view.RunNodeView;
import io.floe.engine.view.RunView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One flow run inside a build: results, the build log, data nodes, abort, and runs that can not start. */
class EmbeddedRunTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final BuildLog buildLog = new BuildLog();

    @Test
    void aRunThatEndsGoodIsASuccessAndItsOutputIsInTheLogWithItsNode() throws Exception {
        String yaml = """
                id: hello
                ver: 1
                triggers: [{name: start, type: data}]
                tasks:
                  - {name: say, listen: trigger.good, type: exec, opts: {shell: "echo hello; echo world"}}
                  - {name: done, listen: task.say.good, type: end}
                """;
        try (EmbeddedRun run = start(yaml, new RunRequest("", "", Map.of()))) {
            RunOutcome outcome = run.await(WAIT);

            assertThat(outcome.result()).isEqualTo(BuildResult.SUCCESS);
            assertThat(outcome.describe()).isEqualTo("run jenkins-1 of flow hello ended good: reached end node done");
            assertThat(buildLog.lines()).contains("[floe:say] hello", "[floe:say] world",
                    "[floe] task say started", "[floe] task say emitted task.say.good");
            assertThat(outcome.view().summary().ended()).isTrue();
            assertThat(node(outcome.view(), "say").result()).isEqualTo("success");
        }
    }

    @Test
    void aFailingTaskMakesTheBuildAFailureWithTheReason() throws Exception {
        String yaml = """
                id: fails
                ver: 1
                triggers: [{name: start, type: data}]
                tasks:
                  - {name: compile, listen: trigger.good, type: exec, opts: {shell: "echo 'main.c:3: error'; exit 3"}}
                  - {name: done, listen: task.compile.good, type: end}
                """;
        try (EmbeddedRun run = start(yaml, new RunRequest("fails", "start", Map.of()))) {
            RunOutcome outcome = run.await(WAIT);

            assertThat(outcome.result()).isEqualTo(BuildResult.FAILURE);
            assertThat(outcome.describe())
                    .isEqualTo("run jenkins-1 of flow fails ended bad: no node listens to task.compile.bad");
            assertThat(buildLog.lines()).contains("[floe:compile] main.c:3: error",
                    "[floe:compile] exited with status: 3");
            assertThat(node(outcome.view(), "compile").result()).isEqualTo("failed");
        }
    }

    @Test
    void abortingKillsTheRunningTaskBeforeItReturns() throws Exception {
        String yaml = """
                id: slow
                ver: 1
                triggers: [{name: start, type: data}]
                tasks:
                  - name: nap
                    listen: trigger.good
                    type: exec
                    opts: {shell: "echo $$ > pid; echo napping; sleep 600"}
                  - {name: done, listen: task.nap.good, type: end}
                """;
        try (EmbeddedRun run = start(yaml, new RunRequest("", "", Map.of()))) {
            buildLog.await(l -> l.contains("[floe:nap] napping"));
            long pid = Long.parseLong(Files.readString(dir.resolve("work/spaces/slow/ws/jenkins-1/pid")).trim());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

            RunOutcome outcome = run.abort("the build was aborted by alice");

            assertThat(outcome.result()).isEqualTo(BuildResult.ABORTED);
            assertThat(outcome.summary().reason()).isEqualTo("cancelled: the build was aborted by alice");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(buildLog.lines()).contains("[floe] aborting run jenkins-1: the build was aborted by alice");
        }
    }

    @Test
    void abortKeepsTheInterruptOfTheStoppedBuildThread() throws Exception {
        String yaml = """
                id: slow
                triggers: [{name: start, type: data}]
                tasks:
                  - {name: nap, listen: trigger.good, type: exec, opts: {shell: "echo napping; sleep 600"}}
                """;
        try (EmbeddedRun run = start(yaml, new RunRequest("", "", Map.of()))) {
            buildLog.await(l -> l.contains("[floe:nap] napping"));
            Thread.currentThread().interrupt();
            try {
                assertThat(run.abort("stopped").result()).isEqualTo(BuildResult.ABORTED);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void aDataNodeWaitsUntilItIsAnsweredThenTheRunGoesOn() throws Exception {
        String yaml = """
                id: release
                ver: 1
                triggers: [{name: start, type: data}]
                tasks:
                  - name: approve
                    listen: trigger.good
                    type: data
                    opts:
                      form:
                        title: Release it?
                        fields: [{id: version, prompt: Version, type: text}]
                  - {name: ship, listen: task.approve.good, type: exec, opts: {shell: "echo shipping"}}
                  - {name: done, listen: task.ship.good, type: end}
                """;
        EmbedSettings s = settings().withDataHint("answer it at /job/x/1/floe-graph/");
        try (EmbeddedRun run = EmbeddedRun.start(parse(yaml), new RunRequest("", "", Map.of()), s)) {
            buildLog.await(l -> l.startsWith("[floe] data node approve is waiting for input"));
            RunNodeView approve = awaitNode(run, "approve", n -> n.enabled());
            assertThat(approve.fields()).extracting(RunNodeView.Field::id).containsExactly("version");
            assertThat(buildLog.lines()).contains(
                    "[floe] data node approve is waiting for input: answer it at /job/x/1/floe-graph/");
            assertThat(run.ended()).isFalse();

            assertThat(run.supplyData("ship", Map.of("version", "1")).accepted()).isFalse();
            assertThat(run.supplyData("approve", Map.of("version", "1.2")).complete()).isTrue();

            RunOutcome outcome = run.await(WAIT);
            assertThat(outcome.result()).isEqualTo(BuildResult.SUCCESS);
            assertThat(buildLog.lines()).contains("[floe:ship] shipping");
            assertThat(node(outcome.view(), "approve").fields()).extracting(RunNodeView.Field::value)
                    .containsExactly("1.2");
        }
    }

    @Test
    void aTimerTriggerStartsAtOnceWhenTheBuildStartsIt() throws Exception {
        String yaml = """
                flows:
                  - id: nightly
                    triggers: [{name: every hour, type: timer, opts: {period: 3600}}]
                    tasks:
                      - {name: build, listen: trigger.good, type: exec, opts: {shell: "echo built"}}
                      - {name: done, listen: task.build.good, type: end}
                """;
        try (EmbeddedRun run = start(yaml, new RunRequest("nightly", "every-hour", Map.of()))) {
            assertThat(run.await(WAIT).result()).isEqualTo(BuildResult.SUCCESS);
            assertThat(buildLog.lines()).contains("[floe:build] built");
        }
    }

    @Test
    void formValuesReachTheTasksOfTheRun() throws Exception {
        String yaml = """
                id: greet
                triggers: [{name: start, type: data, opts: {form: {fields: [{id: who, prompt: Who}]}}}]
                tasks:
                  - {name: greet, listen: trigger.good, type: exec, opts: {shell: "echo hello"}}
                  - {name: done, listen: task.greet.good, type: end}
                """;
        try (EmbeddedRun run = start(yaml, new RunRequest("", "", FormValues.parse("who=bob\n")))) {
            RunOutcome outcome = run.await(WAIT);
            assertThat(outcome.result()).isEqualTo(BuildResult.SUCCESS);
            RunNodeView trigger = outcome.view().triggers().get(0);
            assertThat(trigger.fields()).extracting(RunNodeView.Field::value).containsExactly("bob");
        }
    }

    @Test
    void tasksStartFromTheBuildsEnvironment() throws Exception {
        String yaml = """
                id: env
                triggers: [{name: start, type: data}]
                tasks:
                  - {name: show, listen: trigger.good, type: exec, opts: {shell: "echo build $BUILD_NUMBER"}}
                  - {name: done, listen: task.show.good, type: end}
                """;
        EmbedSettings s = settings().withBaseEnv(Map.of("PATH", System.getenv("PATH"), "BUILD_NUMBER", "41"));
        try (EmbeddedRun run = EmbeddedRun.start(parse(yaml), new RunRequest("", "", Map.of()), s)) {
            assertThat(run.await(WAIT).result()).isEqualTo(BuildResult.SUCCESS);
            assertThat(buildLog.lines()).contains("[floe:show] build 41");
        }
    }

    @Test
    void aRunThatCanNotStartSaysWhyAndLeavesNoScratchFolder() throws Exception {
        String two = """
                flows:
                  - {id: a, triggers: [{name: go, type: data}], tasks: [{name: t, listen: trigger.good, type: end}]}
                  - {id: b, triggers: [{name: go, type: data}], tasks: [{name: t, listen: trigger.good, type: end}]}
                """;
        assertThatThrownBy(() -> start(two, new RunRequest("", "", Map.of())))
                .isInstanceOf(RunStartException.class)
                .hasMessage("the YAML has 2 flows (a, b): name the one to run");
        assertThatThrownBy(() -> start(two, new RunRequest("c", "", Map.of())))
                .hasMessage("there is no flow with id c in the YAML (flows: a, b)");
        assertThatThrownBy(() -> start(two, new RunRequest("a", "stop", Map.of())))
                .hasMessage("flow a has no trigger stop (triggers: go)");
        String flowFileMissing = """
                flows:
                  - {id: ff, flow-file: does/not/exist.yml, triggers: [{name: go, type: data}]}
                """;
        assertThatThrownBy(() -> start(flowFileMissing, new RunRequest("", "", Map.of())))
                .isInstanceOf(RunStartException.class)
                .hasMessageStartingWith("flow ff was not started: ");
        assertThat(dir.resolve("work")).doesNotExist();
    }

    @Test
    void aLocalFlowFileIsReadFromTheBuildsWorkspaceAndNeverFromOutsideIt() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("workspace/ci"));
        Files.writeString(workspace.resolve("build.yml"), """
                id: app
                triggers: [{name: start, type: data}]
                tasks:
                  - {name: from-file, listen: trigger.good, type: exec, opts: {shell: "echo read from the workspace"}}
                  - {name: done, listen: task.from-file.good, type: end}
                """);
        Files.writeString(dir.resolve("secret.yml"), "id: secret\n");
        EmbedSettings s = settings().withFlowFiles(new WorkspaceFlowFiles(
                rel -> Files.readString(dir.resolve("workspace").resolve(rel))));
        String yaml = """
                flows:
                  - {id: app, flow-file: ./ci/build.yml, triggers: [{name: start, type: data}]}
                  - {id: out, flow-file: ../secret.yml, triggers: [{name: start, type: data}]}
                """;

        try (EmbeddedRun run = EmbeddedRun.start(parse(yaml), new RunRequest("app", "", Map.of()), s)) {
            assertThat(run.await(WAIT).result()).isEqualTo(BuildResult.SUCCESS);
            assertThat(buildLog.lines()).contains("[floe:from-file] read from the workspace");
        }
        assertThatThrownBy(() -> EmbeddedRun.start(parse(yaml), new RunRequest("out", "", Map.of()), s))
                .isInstanceOf(RunStartException.class)
                .hasMessageContaining("the flow-file ../secret.yml climbs out of the build's workspace");
        assertThatThrownBy(() -> EmbeddedRun.start(parse(yaml), new RunRequest("app", "", Map.of()), settings()))
                .isInstanceOf(RunStartException.class)
                .hasMessageContaining("the local flow-file ./ci/build.yml can not be read here");
    }

    @Test
    void closingDeletesTheScratchFolder() throws Exception {
        String yaml = """
                id: files
                triggers: [{name: start, type: data}]
                tasks:
                  - {name: write, listen: trigger.good, type: exec, opts: {shell: "mkdir -p a/b; echo x > a/b/c"}}
                  - {name: done, listen: task.write.good, type: end}
                """;
        EmbeddedRun run = start(yaml, new RunRequest("", "", Map.of()));
        assertThat(run.await(WAIT).result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(dir.resolve("work/spaces/files/ws/jenkins-1/a/b/c")).exists();
        run.close();
        assertThat(dir.resolve("work")).doesNotExist();
    }

    private EmbeddedRun start(String yaml, RunRequest request) throws Exception {
        return EmbeddedRun.start(parse(yaml), request, settings());
    }

    private EmbedSettings settings() {
        return new EmbedSettings("jenkins", dir.resolve("work"), new LocalProcessLauncher(Duration.ofSeconds(1)),
                System.getenv(), NodeTypes.discover(), buildLog.stream(), "", null);
    }

    private static FloeConfig parse(String yaml) throws Exception {
        return FlowDocument.parse(yaml, "flow.yml", NodeTypes.discover());
    }

    static RunNodeView node(RunView view, String id) {
        return view.graph().stream().flatMap(l -> l.stream()).filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no node " + id + " in the graph"));
    }

    private static RunNodeView awaitNode(EmbeddedRun run, String id, Predicate<RunNodeView> p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RunNodeView> n = run.view().map(v -> node(v, id)).filter(p);
            if (n.isPresent()) {
                return n.get();
            }
            // the store is read, not observed: look again shortly
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        throw new AssertionError("node " + id + " did not reach the state within " + WAIT);
    }

    /** The build's log: a stream that tests read line by line and wait on. One lock guards writes and reads. */
    static final class BuildLog {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintStream stream = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (BuildLog.this) {
                    bytes.write(b, off, len);
                    BuildLog.this.notifyAll();
                }
            }
        }, true, StandardCharsets.UTF_8);

        PrintStream stream() {
            return stream;
        }

        synchronized java.util.List<String> lines() {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }

        synchronized void await(Predicate<String> p) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (lines().stream().noneMatch(p)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such line within " + WAIT + "; log:\n" + String.join("\n", lines()));
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
