package io.jenkins.plugins.floe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.config.ConfigException;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.embed.FlowDocument;
import io.floe.engine.spi.NodeTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A floe step in Jenkins runs no build work in the controller: the task types that would (git-checkout, git-merge,
 * fetch) and git or http(s) flow-files are refused where the flow is read, with the node's line and what to do.
 */
class BuildNodeTypesTest {
    private static String flowWith(String type) {
        return """
                id: build
                triggers:
                  - {name: start, type: data}
                tasks:
                  - name: get
                    listen: trigger.good
                    type: %s
                    opts: {url: "git@example.com:org/app.git", location: src}
                  - {name: done, listen: task.get.good, type: end}
                """.formatted(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"git-checkout", "git-merge", "fetch"})
    void aTaskThatWouldWorkInTheControllerIsRefusedWithItsLine(String type) {
        assertThatThrownBy(() -> FlowDocument.parse(flowWith(type), "floe.yml", BuildNodeTypes.discover()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("floe.yml:8: task 0 - ")
                .hasMessageContaining("type " + type + " is not run in Jenkins: it would work inside the Jenkins"
                        + " controller")
                .hasMessageNotContaining("unknown task type");
    }

    @Test
    void aCheckoutIsPointedToTheJobsSourceCodeManagement() {
        assertThatThrownBy(() -> FlowDocument.parse(flowWith("git-checkout"), "floe.yml",
                BuildNodeTypes.discover()))
                .hasMessageContaining("check the repository out with the job's Source Code Management");
    }

    @Test
    void everyTaskTypeOnTheClassPathIsRefusedButThoseThatRunOnTheAgentOrWait() {
        NodeTypes all = NodeTypes.discover(BuildNodeTypes.class.getClassLoader());
        NodeTypes build = BuildNodeTypes.discover();

        assertThat(build.taskTypes()).isEqualTo(all.taskTypes()).contains("git-checkout", "git-merge", "fetch");
        for (String type : build.taskTypes()) {
            if (!BuildNodeTypes.ON_AGENT_OR_WAITING.contains(type)) {
                assertThat(build.task(type)).as(type).isPresent();
                assertThat(build.task(type).get().getClass()).as(type)
                        .isNotEqualTo(all.task(type).get().getClass());
            }
        }
        assertThat(build.task("exec").get().getClass()).isEqualTo(all.task("exec").get().getClass());
        assertThat(build.task("timer").get().getClass()).isEqualTo(all.task("timer").get().getClass());
    }

    @Test
    void execAndTimerTasksAreRead() throws Exception {
        String yaml = """
                id: build
                triggers:
                  - {name: start, type: data}
                tasks:
                  - {name: wait, listen: trigger.good, type: timer, opts: {period: 1}}
                  - {name: make, listen: task.wait.good, type: exec, opts: {cmd: "make"}}
                  - {name: done, listen: task.make.good, type: end}
                """;

        FloeConfig config = FlowDocument.parse(yaml, "floe.yml", BuildNodeTypes.discover());
        BuildNodeTypes.checkFlowFiles(config);

        assertThat(config.flows()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"git@example.com:org/app.git/ci/flow.yml", "https://example.com/flow.yml"})
    void aFlowFileTheControllerWouldFetchIsRefused(String ref) throws Exception {
        FloeConfig config = FlowDocument.parse(flowFile(ref), "floe.yml", BuildNodeTypes.discover());

        assertThatThrownBy(() -> BuildNodeTypes.checkFlowFiles(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("flow-file '" + ref + "' is not read in Jenkins")
                .hasMessageContaining("check its repository out with the job's Source Code Management");
    }

    @Test
    void aFlowFileInTheWorkspaceIsRead() throws Exception {
        FloeConfig config = FlowDocument.parse(flowFile("ci/flow.yml"), "floe.yml", BuildNodeTypes.discover());

        BuildNodeTypes.checkFlowFiles(config);
    }

    private static String flowFile(String ref) {
        return """
                flows:
                  - id: build
                    flow-file: "%s"
                    triggers:
                      - {name: start, type: data}
                """.formatted(ref);
    }
}
