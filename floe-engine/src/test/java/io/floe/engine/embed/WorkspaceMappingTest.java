package io.floe.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.ProcessSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exec tasks started in a build's workspace on "another machine", here another folder with its own launcher. */
class WorkspaceMappingTest {
    @TempDir
    Path dir;

    @Test
    void theRunsFolderBecomesTheBuildsWorkspaceInTheCommandTheEnvironmentAndTheWorkingFolder() throws IOException {
        Path local = Path.of("/scratch/spaces/app/ws/jenkins-1");
        ProcessSpec spec = new ProcessSpec(
                List.of("/scratch/spaces/app/ws/jenkins-1/build.sh", "--out=/scratch/spaces/app/ws/jenkins-1/dist",
                        "/scratch/spaces/app/ws/jenkins-10/other", "plain"),
                local.resolve("sub/dir"),
                Map.of("FLOEWS", local.toString(), "OUT", "/scratch/spaces/app/ws/jenkins-1", "HOME", "/home/u"));

        AgentSpec mapped = new WorkspaceMapping("/agent/workspace/app", s -> null).map(spec);

        assertThat(mapped.command()).containsExactly("/agent/workspace/app/build.sh",
                "--out=/agent/workspace/app/dist", "/scratch/spaces/app/ws/jenkins-10/other", "plain");
        assertThat(mapped.directory()).isEqualTo("sub/dir");
        assertThat(mapped.environment()).containsEntry("FLOEWS", "/agent/workspace/app")
                .containsEntry("OUT", "/agent/workspace/app").containsEntry("HOME", "/home/u");
    }

    @Test
    void theWorkspaceItselfIsAnEmptyDirectory() throws IOException {
        Path local = Path.of("/scratch/ws/r1");
        ProcessSpec spec = new ProcessSpec(List.of("make"), local, Map.of("FLOEWS", local.toString()));

        assertThat(new WorkspaceMapping("C:\\jenkins\\ws", s -> null).map(spec).directory()).isEmpty();
    }

    @Test
    void aFolderOutsideTheRunsWorkspaceIsRefused() {
        ProcessSpec spec = new ProcessSpec(List.of("ls"), Path.of("/etc"), Map.of("FLOEWS", "/scratch/ws/r1"));

        assertThatThrownBy(() -> new WorkspaceMapping("/agent/ws", s -> null).map(spec))
                .isInstanceOf(IOException.class)
                .hasMessage("the working folder /etc is outside the run's workspace /scratch/ws/r1: only folders "
                        + "inside the workspace can be mapped to the build's workspace");
    }

    @Test
    void execTasksRunInTheBuildsWorkspaceThroughTheAgentsLauncher() throws Exception {
        Path agentWs = Files.createDirectories(dir.resolve("agent/workspace/app"));
        Files.writeString(agentWs.resolve("checked-out.txt"), "from the SCM\n");
        List<AgentSpec> started = Collections.synchronizedList(new ArrayList<>());
        LocalProcessLauncher onAgent = new LocalProcessLauncher(Duration.ofSeconds(1));
        AgentLauncher agent = s -> {
            started.add(s);
            Path wd = agentWs.resolve(s.directory());
            Files.createDirectories(wd);
            return onAgent.start(new ProcessSpec(s.command(), wd, s.environment()));
        };
        String yaml = """
                id: app
                triggers: [{name: start, type: data}]
                tasks:
                  - name: read
                    listen: trigger.good
                    type: exec
                    opts: {shell: "cat checked-out.txt; echo ws=$FLOEWS"}
                  - name: make
                    listen: task.read.good
                    type: exec
                    opts: {cmd: "sh -c pwd", sub-dir: out}
                  - {name: write, listen: task.make.good, type: exec, opts: {cmd: touch, args: ["{{ws}}/built.txt"]}}
                  - {name: done, listen: task.write.good, type: end}
                """;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EmbedSettings settings = EmbedSettings.of(dir.resolve("scratch"), new PrintStream(log, true,
                StandardCharsets.UTF_8)).withHostId("jenkins")
                .withLauncher(new WorkspaceMapping(agentWs.toString(), agent));

        try (EmbeddedRun run = EmbeddedRun.start(FlowDocument.parse(yaml, "flow.yml", NodeTypes.discover()),
                new RunRequest("", "", Map.of()), settings)) {
            assertThat(run.await(Duration.ofSeconds(30)).result()).isEqualTo(BuildResult.SUCCESS);
        }

        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains("[floe:read] from the SCM", "[floe:read] ws=" + agentWs,
                "[floe:make] " + agentWs.resolve("out"));
        assertThat(agentWs.resolve("built.txt")).exists();
        assertThat(started).extracting(AgentSpec::directory).containsExactly("", "out", "");
        assertThat(dir.resolve("scratch")).doesNotExist();
    }
}
