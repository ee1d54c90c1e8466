package io.floe.engine.node.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.node.TaskHarness;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import io.floe.testflows.TestFlows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exec and timer as a host finds them: through the ServiceLoader, checked when the config loads. */
class ExecConfigTest {
    @TempDir
    Path ws;

    @Test
    void theTaskTypesAreFoundByTheServiceLoader() {
        NodeTypes types = NodeTypes.discover();

        assertThat(types.task("exec")).containsInstanceOf(ExecTask.class);
        assertThat(types.task("timer")).get().extracting(TaskType::name).isEqualTo("timer");
    }

    @Test
    void cfg08AnExecNodeFromYamlRunsWithTheFlowAndNodeEnv() throws Exception {
        FlowConfig flow = ConfigLoader.parseFlow(TestFlows.text("exec-env.yml"), "exec-env.yml",
                NodeTypes.discover());
        NodeConfig node = flow.task("export").orElseThrow();
        // the env as the hub passes it: flow env, then (no) event env, then node env
        List<String> env = new ArrayList<>(flow.env());
        env.addAll(Opts.strings(node.opts(), "env"));

        try (TaskHarness harness = new TaskHarness(ws)) {
            TaskResult r = new ExecTask().start(harness.context("exec", node.opts(), env)).toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);

            assertThat(r.status()).isZero();
            assertThat(r.failedToExecute()).isFalse();
            assertThat(harness.lines()).anyMatch(l -> l.endsWith("DAN=\"fart\""))
                    .anyMatch(l -> l.endsWith("FLOW_ONLY=\"kept\"")).anyMatch(l -> l.endsWith("WHO=\"node\""))
                    .anyMatch(l -> l.contains("FLOEWS=\""));
        }
    }

    @Test
    void execAndTimerProblemsStopTheConfigLoading() {
        assertThatThrownBy(() -> ConfigLoader.parseFlow(TestFlows.text("exec-bad.yml"), "exec-bad.yml",
                NodeTypes.discover()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exec needs a cmd or a shell option")
                .hasMessageContaining("sub-dir '../../etc' climbs out of the workspace")
                .hasMessageContaining("period 'soon' is not a duration");
    }
}
