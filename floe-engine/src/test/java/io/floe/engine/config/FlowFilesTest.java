package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.floe.testflows.TestFlows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowFilesTest {
    private static final TypeCatalog TYPES = new TestCatalog();

    @TempDir
    Path dir;

    private static FlowConfig onlyFlowFile(String ref) {
        return new FlowConfig(null, 0, ref, null, false, null, null, null, null, null, null, 0);
    }

    @Test
    void cfg06_referenceKinds() {
        assertThat(FlowFiles.classify("/foo/bar/fl.yaml")).isEqualTo(FlowRefKind.LOCAL);
        assertThat(FlowFiles.classify("flows/fl.yaml")).isEqualTo(FlowRefKind.LOCAL);
        assertThat(FlowFiles.classify("git@github.com:floeit/floe.git/build/FLOE.yaml")).isEqualTo(FlowRefKind.GIT);
        assertThat(FlowFiles.classify("http://foo/bar/ml.yaml")).isEqualTo(FlowRefKind.WEB);
        assertThat(FlowFiles.classify("https://foo/bar/ml.yaml")).isEqualTo(FlowRefKind.WEB);
    }

    @Test
    void cfg07_loadsALocalFlowFile() throws Exception {
        TestFlows.copy("cfg-in-flow.yml", dir);

        FlowConfig flow = FlowFiles.local(dir, TYPES).load(onlyFlowFile("cfg-in-flow.yml"));

        assertThat(flow.listeners("merge.builds.good")).hasSize(1);
        assertThat(flow.resourceTags()).containsExactly("couchbase", "nic");
    }

    @Test
    void relativeFlowFilesAreReadFromTheConfigsFolder() throws Exception {
        Path conf = dir.resolve("conf");
        Path config = TestFlows.copy("cfg-flowfile.yml", conf);
        TestFlows.copy("cfg-in-flow.yml", conf.resolve("flows"));

        FloeConfig cfg = ConfigLoader.load(config, TYPES);
        FlowConfig configured = cfg.flows().get(0);
        FlowConfig flow = FlowFiles.local(conf, TYPES).load(configured);

        assertThat(configured.tasks()).as("the config itself is not changed").isEmpty();
        assertThat(flow.id()).isEqualTo("build-project");
        assertThat(flow.triggers()).extracting(NodeConfig::id).containsExactly("start");
        assertThat(flow.tasks()).extracting(NodeConfig::id)
                .containsExactly("checkout", "build", "build-osx", "builds", "test", "complete");
        assertThat(flow.name()).isEqualTo("build project");
        assertThat(flow.reuseSpace()).isTrue();
        assertThat(flow.resourceTags()).containsExactly("couchbase", "nic");
        assertThat(flow.env()).containsExactly("A=1");
        assertThat(flow.flowFile()).isEqualTo("flows/cfg-in-flow.yml");

        // checked when the config loads: the file's triggers are ignored, the other flow's file is missing
        assertThat(cfg.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "flows/cfg-in-flow.yml:2: triggers in a flow-file are ignored; the configured flow's triggers are used",
                config + ":13: flow missing-1 - could not read flow-file 'flows/not-there.yml': "
                        + conf.resolve("flows/not-there.yml") + ": no such file (relative flow-files are read from "
                        + "the config's folder " + conf + ")");
    }

    @Test
    void aMissingFlowFileFailsTheTriggerWithThePathTried() throws Exception {
        FloeConfig cfg = ConfigLoader.load(TestFlows.copy("cfg-flowfile.yml", dir), TYPES);

        assertThatThrownBy(() -> FlowFiles.local(dir, TYPES).load(cfg.flows().get(1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("could not read flow-file 'flows/not-there.yml': "
                        + dir.resolve("flows/not-there.yml") + ": no such file");
    }

    @Test
    void problemsInAFlowFileNameTheFileAndLine() throws Exception {
        Files.writeString(dir.resolve("bad.yml"), """
                id: bad
                tasks:
                  - id: a
                    type: exec
                    listen: trigger.good
                    wait: [x]
                    opts: {cmd: make}
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> FlowFiles.local(dir, TYPES).load(onlyFlowFile("bad.yml")));

        assertThat(e.problems()).extracting(ConfigProblem::toString)
                .containsExactly("bad.yml:6: task 0 - task nodes can not have waits");
    }

    @Test
    void flowFileTasksCanNotReuseATriggerId() throws Exception {
        Files.writeString(dir.resolve("f.yml"), """
                id: f
                tasks:
                  - {id: start, type: end, listen: trigger.good}
                """);
        FlowConfig configured = ConfigLoader.parse("""
                flows:
                  - id: f
                    flow-file: f.yml
                    triggers: [{id: start, type: data}]
                """, "c.yml", null, TYPES).flows().get(0);

        assertThatThrownBy(() -> FlowFiles.local(dir, TYPES).load(configured))
                .hasMessage("f.yml:3: 2 nodes have id: start");
    }

    @Test
    void otherKindsNeedASource() throws Exception {
        FlowConfig configured = ConfigLoader.parse("""
                flows:
                  - id: f
                    ver: 1
                    flow-file: git@github.com:org/repo.git/FLOE.yml
                    triggers: [{id: start, type: data}]
                """, "c.yml", null, TYPES).flows().get(0);
        FlowFiles local = FlowFiles.local(dir, TYPES);

        assertThat(local.supports(FlowRefKind.GIT)).isFalse();
        assertThatThrownBy(() -> local.load(configured)).hasMessage("c.yml:2: flow f-1 - flow-file "
                + "'git@github.com:org/repo.git/FLOE.yml' is a git reference, which this host can not read (it reads: local)");

        FlowFileSource fromGit = ref -> Map.of("git@github.com:org/repo.git/FLOE.yml", """
                name: from git
                tasks: [{id: a, type: end, listen: trigger.good}]
                """).get(ref);
        FlowConfig flow = local.with(FlowRefKind.GIT, fromGit).load(configured);
        assertThat(flow.name()).isEqualTo("from git");
        assertThat(flow.tasks()).extracting(NodeConfig::id).containsExactly("a");
    }

    @Test
    void aFailingSourceIsReportedAtTheConfiguredFlow() throws Exception {
        FlowConfig configured = ConfigLoader.parse("""
                flows:
                  - id: f
                    ver: 1
                    flow-file: https://127.0.0.1:1/f.yml
                """, "c.yml", null, TYPES).flows().get(0);
        FlowFiles files = FlowFiles.local(dir, TYPES).with(FlowRefKind.WEB, ref -> {
            throw new IOException("connection refused");
        });

        assertThatThrownBy(() -> files.load(configured)).hasMessage(
                "c.yml:2: flow f-1 - could not read flow-file 'https://127.0.0.1:1/f.yml': connection refused");
    }

    @Test
    void applyReplacesOnlyWhatTheFileSets() {
        NodeConfig trigger = new NodeConfig("trigger", null, "t", "t", null, null, "data", null, false, false, null,
                null, 3);
        NodeConfig configTask = new NodeConfig("task", null, "a", "a", "trigger.good", null, "end", null, false,
                false, null, null, 5);
        NodeConfig fileTask = new NodeConfig("task", null, "b", "b", "trigger.good", null, "end", null, false, false,
                null, null, 2);
        FlowConfig configured = new FlowConfig("f", 2, "f.yml", "Configured", true, List.of("linux"),
                List.of("db"), List.of("A=1"), List.of(trigger), List.of(configTask), "c.yml", 1);

        FlowConfig empty = new FlowConfig("other", 9, "x.yml", "", false, null, null, null,
                List.of(fileTask), null, "f.yml", 1);
        FlowConfig kept = FlowFiles.apply(configured, empty);
        assertThat(kept).isEqualTo(new FlowConfig("f", 2, "f.yml", "Configured", false, List.of("linux"),
                List.of("db"), List.of("A=1"), List.of(trigger), List.of(configTask), "c.yml", 1));

        FlowConfig full = new FlowConfig("other", 9, "x.yml", "File", true, List.of("osx"), List.of("nic"),
                List.of("B=2"), List.of(), List.of(fileTask), "f.yml", 1);
        FlowConfig replaced = FlowFiles.apply(configured, full);
        assertThat(replaced).isEqualTo(new FlowConfig("f", 2, "f.yml", "File", true, List.of("osx"),
                List.of("nic"), List.of("B=2"), List.of(trigger), List.of(fileTask), "c.yml", 1));
    }

    @Test
    void aFlowWithoutAFlowFileIsUsedAsItIs() throws Exception {
        FlowConfig configured = new FlowConfig("f", 1, null, "f", false, null, null, null, null, null, null, 0);

        assertThat(FlowFiles.local(dir, TYPES).load(configured)).isSameAs(configured);
    }
}
