package io.floe.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.host.HostJvm;
import io.floe.testflows.TestFlows;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floe run}: runs a flow to its end, prints its events, and exits 0 (good), 1 (bad), 2 (config), 3 (cancelled)
 * or 130 (Ctrl-C cancelled it).
 */
class RunCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return FloeCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theDefaultConfigsCiFlowRunsGoodWithItsSignOffAnswered() {
        Path config = Path.of("../default.yml").toAbsolutePath().normalize();
        int code = run("run", config.toString(), "--flow", "build-and-test", "--data", "branch=main",
                "--data", "approved=yes", "--root", dir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("trigger.good", "sys.node.start         checkout", "checkout | hello from floe",
                        "merge.checks-passed.good", "sys.data.required      sign-off", "task.deploy.good",
                        "deploy | deployed", "run local-1 ended good");
        // the trigger's and the sign-off's form values reach the tasks as FLOE_VALUE_* variables
        assertThat(out.toString()).contains("checkout | branch to build: main", "approved: yes");
        assertThat(dir.resolve("spaces/build-and-test/ws/local-1/out/app")).exists();
    }

    @Test
    void aDataNameThatNoFormDeclaresIsRefusedBeforeAnythingRuns() {
        Path config = Path.of("../default.yml").toAbsolutePath().normalize();
        int code = run("run", config.toString(), "--flow", "build-and-test", "--data", "branch=main",
                "--data", "cmd=id", "--root", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("floe run: --data cmd: no form of flow build-and-test has such a field"
                + " (fields: branch, approved)");
        assertThat(out.toString()).doesNotContain("trigger.good");
    }

    @Test
    void aFailingTaskMakesExitCodeOne() throws Exception {
        Path config = dir.resolve("bad.yml");
        Files.writeString(config, """
                flows:
                  - id: f
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: a, listen: trigger.good, type: exec, opts: {shell: "echo failing; exit 3"}}
                """);
        assertThat(run("run", config.toString(), "--root", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("a | failing", "exited with status: 3", "task.a.bad", "ended bad");
    }

    @Test
    void aBrokenConfigIsExitCodeTwoWithFileLineAndPath() throws Exception {
        Path config = dir.resolve("broken.yml");
        Files.writeString(config, """
                flows:
                  - id: f
                    ver: abc
                    tasks:
                      - {name: a, wait: [x], type: exec}
                """);
        assertThat(run("run", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(config + ":3: flow 0 - 'ver' must be an integer, not 'abc'")
                .contains(config + ":5: flow 0 - task 0 - task nodes can not have waits")
                .contains("exec needs a cmd or a shell option");
    }

    @Test
    void aMissingValueForADataNodeCancelsTheRunAndSaysWhichKey() throws Exception {
        Path config = TestFlows.copy("hub-data.yml", dir);
        int code = run("run", config.toString(), "--root", dir.toString());
        assertThat(code).isEqualTo(ExitCodes.CANCELLED).isEqualTo(3); // cancelled is not bad
        assertThat(err.toString()).contains("sign-off needs values for [tests_passed, to_hash]", "--data");
        assertThat(out.toString()).contains("run local-1 ended cancelled");
    }

    @Test
    void theHelpListsEveryExitCode() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString().replaceAll(" +", " ")).contains("0 the run ended good", "1 the run ended bad",
                "2 the config or the command line is wrong", "3 the run was cancelled",
                "130 Ctrl-C (SIGINT) cancelled the run", "143 SIGTERM cancelled the run");
    }

    @Test
    void ctrlCCancelsTheRunStopsItsTaskAndExits130() throws Exception {
        Path config = dir.resolve("slow.yml");
        Files.writeString(config, """
                flows:
                  - id: f
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: nap, listen: trigger.good, type: exec, opts: {shell: "echo $$ > %s; echo napping; exec sleep 600"}}
                """.formatted(dir.resolve("nap.pid")));
        try (HostJvm floe = HostJvm.start(dir, "run", config.toString(), "--root", dir.toString())) {
            floe.awaitOutput("nap | napping", Duration.ofSeconds(60));
            long nap = Long.parseLong(Files.readString(dir.resolve("nap.pid")).trim());
            long pid = ProcessHandle.current().children() // the floe JVM: the one whose task naps
                    .filter(p -> p.descendants().anyMatch(d -> d.pid() == nap)).findFirst().orElseThrow().pid();
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            assertThat(floe.awaitExit(Duration.ofSeconds(60))).as(floe.stderr()).isEqualTo(130);
            assertThat(floe.stdout()).contains("sys.end.all", "run local-1 ended cancelled");
            ProcessHandle.of(nap).ifPresent(p -> p.onExit().join()); // the task was stopped, not left behind
        }
    }

    /**
     * A run's task is floe's own child, watched by a {@code bash} watcher of its own: {@code floe run} starts no guard
     * process, whose JVM start would cost it more than its few tasks save (issue 21 §3).
     */
    @Test
    void eachTaskIsWatchedAloneWithoutAGuardProcess() throws Exception {
        Path config = dir.resolve("watched.yml");
        Files.writeString(config, """
                flows:
                  - id: f
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - name: look
                        listen: trigger.good
                        type: exec
                        opts: {shell: "echo parent $PPID; for c in $(cat /proc/$$/task/$$/children); do echo child $(tr '\\\\0' ' ' < /proc/$c/cmdline 2>/dev/null); done"}
                """);
        assertThat(run("run", config.toString(), "--root", dir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("look | parent " + ProcessHandle.current().pid())
                .containsPattern("look \\| child .*floe-guard")
                .doesNotContain("GuardProcess");
    }

    @Test
    void choosingAFlowIsRequiredWhenThereAreSeveral() {
        Path config = Path.of("../default.yml").toAbsolutePath().normalize();
        assertThat(run("run", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("has 2 flows", "--flow", "build-and-test, hourly-report");
        assertThat(run("run", config.toString(), "--flow", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("no flow nope");
    }
}
