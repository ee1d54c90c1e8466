package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.event.FlowRef;
import io.floe.engine.json.Json;
import io.floe.testflows.TestFlows;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final TypeCatalog TYPES = new TestCatalog();

    @TempDir
    Path dir;

    private static FloeConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "test.yml", null, TYPES);
    }

    @Test
    void cfg02_referenceConfigLoads() throws Exception {
        FloeConfig cfg = ConfigLoader.load(TestFlows.copy("cfg-in.yml", dir), TYPES);

        assertThat(cfg.common().hosts()).containsExactly("name-or.ip.of.other.host");
        assertThat(cfg.common().workspaceRoot()).isEqualTo("%tmp/floe");
        assertThat(cfg.flows()).hasSize(2);
        FlowConfig flow = cfg.flows().get(0);
        assertThat(flow.reuseSpace()).isTrue();
        assertThat(flow.hostTags()).containsExactly("linux", "go", "couch");
        assertThat(flow.resourceTags()).containsExactly("couchbase", "nic");

        // finding flows by a data trigger: only the first flow has one
        List<FlowConfig> withData = cfg.flows().stream()
                .filter(f -> f.triggers().stream().anyMatch(t -> t.type().equals("data"))).toList();
        assertThat(withData).hasSize(1);
        assertThat(withData.get(0).ref()).isEqualTo(new FlowRef("build-project", 1));

        List<NodeConfig> started = flow.listeners("trigger.good");
        assertThat(started).hasSize(1);
        assertThat(started.get(0).nodeClass()).isEqualTo("task");
        assertThat(started.get(0).id()).isEqualTo("checkout");
        assertThat(flow.listeners("task.build.good")).singleElement()
                .satisfies(n -> assertThat(n.isMerge()).isTrue());
    }

    @Test
    void cfg02_unknownKeyOfTheOriginalsTestConfigIsAWarningWithItsLine() throws Exception {
        FloeConfig cfg = ConfigLoader.load(TestFlows.copy("cfg-in.yml", dir), TYPES);

        assertThat(cfg.warnings()).extracting(ConfigProblem::toString).contains(
                dir.resolve("cfg-in.yml") + ":57: flow 1 - unknown key 'subs' ignored (known: id, ver, name, "
                        + "reuse-space, host-tags, resource-tags, env, flow-file, triggers, tasks, notify)");
        assertThat(cfg.warnings()).anySatisfy(w -> {
            assertThat(w.line()).isEqualTo(61);
            assertThat(w.path()).isEqualTo("flow 1 - task 0");
            assertThat(w.message()).contains("listen 'sub.git-push.good' matches no node of this flow");
        });
    }

    @Test
    void cfg03_optsKeepCapitalisedKeysAndWriteSortedJson() throws Exception {
        FlowConfig flow = parse(TestFlows.text("cfg-in.yml")).flows().get(0);

        List<NodeConfig> data = flow.triggers().stream().filter(t -> t.type().equals("data")).toList();
        assertThat(data).hasSize(2);
        Map<String, Object> opts = data.get(1).opts();
        assertThat(opts.get("Form")).isInstanceOfSatisfying(Map.class, m -> assertThat(m.containsKey("Title")).isTrue());
        assertThat(Json.write(opts)).isEqualTo(
                "{\"Form\":{\"Fields\":[{\"Id\":\"branch\",\"Prompt\":\"Branch\",\"Type\":\"string\"}],\"Title\":\"Start\"}}");
    }

    @Test
    void cfg04_idsAndClassesAreDerived() throws Exception {
        // no catalog: the original's own test flow has no types
        FlowConfig flow = ConfigLoader.parse(TestFlows.text("cfg-zero.yml"), "cfg-zero.yml", null, null)
                .flows().get(0);

        assertThat(flow.triggers().get(0).id()).isEqualTo("start");
        assertThat(flow.triggers().get(0).nodeClass()).isEqualTo("trigger");
        assertThat(flow.tasks().get(0).id()).isEqualTo("first-task");
        assertThat(flow.tasks().get(0).name()).isEqualTo("First Task");
        assertThat(flow.tasks().get(0).nodeClass()).isEqualTo("task");
        assertThat(flow.tasks().get(1).id()).isEqualTo("merge-thing");
        assertThat(flow.tasks().get(1).nodeClass()).isEqualTo("merge");
        assertThat(flow.tasks().get(1).type()).as("empty merge type").isEqualTo("all");
        assertThat(flow.name()).isEqualTo("flow 1");
    }

    @Test
    void cfg05_tagsMatchListensAndWaits() throws Exception {
        FlowConfig flow = ConfigLoader.parse(TestFlows.text("cfg-zero.yml"), "cfg-zero.yml", null, null)
                .flows().get(0);

        assertThat(flow.listeners("trigger.good")).hasSize(1);
        assertThat(flow.listeners("task.first.good")).singleElement()
                .satisfies(n -> assertThat(n.id()).isEqualTo("merge-thing"));
    }

    @Test
    void aConfigWrittenForTheOriginalLoadsUnchanged() throws Exception {
        FloeConfig cfg = ConfigLoader.load(TestFlows.copy("cfg-original.yml", dir), TYPES);

        assertThat(cfg.common().gitKey()).as("key-file is git-key").isEqualTo("~/.ssh/id_deploy_rsa");
        assertThat(cfg.common().effectiveBaseUrl()).isEqualTo("/build/api");
        assertThat(cfg.common().effectiveStoreType()).isEqualTo("local");
        assertThat(cfg.warnings()).isEmpty();
        FlowConfig build = cfg.flows().get(0);
        assertThat(build.name()).isEqualTo("Build Project");
        assertThat(build.env()).containsExactly("GOPATH=./", "PATH=./go/bin:$PATH");
        NodeConfig test = build.task("test").orElseThrow();
        assertThat(test.good()).containsExactly(0, 3);
        assertThat(test.useStatus()).isTrue();
        assertThat(test.opts().get("env")).isEqualTo(List.of("GOOS=linux"));
        assertThat(build.task("signed").orElseThrow().name()).isEqualTo("Wait For Tests and Sign Off");
        assertThat(build.task("final-task")).isPresent();

        FlowConfig nightly = cfg.latest("nightly-build").orElseThrow();
        assertThat(nightly.ver()).isEqualTo(2);
        assertThat(nightly.trigger("nightly").orElseThrow().opts().get("period")).isEqualTo(86400);
        assertThat(nightly.trigger("commits").orElseThrow().opts()).containsEntry("exclude-refs", "master");
    }

    @Test
    void optsScalarsKeepTheirYamlTypes() throws Exception {
        NodeConfig node = parse("""
                flows:
                  - id: f
                    triggers:
                      - id: t
                        type: data
                        opts:
                          int: 42
                          long: 5000000000
                          big: 123456789012345678901234567890
                          float: 1.5
                          bool: yes
                          text: "42"
                          none: ~
                          when: 2018-07-23
                          nested: {list: [1, two, {deep: true}]}
                """).flows().get(0).triggers().get(0);

        Map<String, Object> opts = node.opts();
        assertThat(opts.get("int")).isEqualTo(42);
        assertThat(opts.get("long")).isEqualTo(5_000_000_000L);
        assertThat(opts.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(opts.get("float")).isEqualTo(1.5);
        assertThat(opts.get("bool")).isEqualTo(true);
        assertThat(opts.get("text")).isEqualTo("42");
        assertThat(opts).containsKey("none");
        assertThat(opts.get("none")).isNull();
        assertThat(opts.get("when")).as("timestamps stay text").isEqualTo("2018-07-23");
        assertThat(opts.get("nested")).isEqualTo(Map.of("list", List.of(1, "two", Map.of("deep", true))));
        assertThat(Json.write(opts.get("nested"))).isEqualTo("{\"list\":[1,\"two\",{\"deep\":true}]}");
    }

    @Test
    void commonSectionReadsEveryKey() throws Exception {
        CommonConfig common = parse("""
                common:
                  hosts: [http://127.0.0.1:8080, http://127.0.0.1:8090]
                  base-url: /api
                  workspace-root: /ws
                  store-root: /st
                  store-type: local
                  git-key: /k
                  config-path: /etc/floe.yml
                """).common();

        assertThat(common).isEqualTo(CommonConfig.ofWireFields(List.of("http://127.0.0.1:8080", "http://127.0.0.1:8090"),
                "/api", "/ws", "local", "/st", "/k", "/etc/floe.yml"));
    }

    @Test
    void nodeFieldsAreRead() throws Exception {
        NodeConfig node = parse("""
                flows:
                  - id: f
                    ver: 3
                    triggers: [{id: t, type: data}]
                    tasks:
                      - id: run
                        type: exec
                        listen: trigger.good
                        good: [0, 2]
                        ignore-fail: true
                        use-status: on
                        timeout: 1h30m
                        opts: {cmd: make}
                """).flows().get(0).tasks().get(0);

        assertThat(node.id()).isEqualTo("run");
        assertThat(node.name()).isEqualTo("run");
        assertThat(node.good()).containsExactly(0, 2);
        assertThat(node.ignoreFail()).isTrue();
        assertThat(node.useStatus()).isTrue();
        assertThat(node.timeout()).isEqualTo("1h30m");
        assertThat(node.line()).isEqualTo(6);
        assertThat(node.ref().toString()).isEqualTo("task.run");
    }

    @Test
    void timeoutMayBeABareNumberOfSeconds() throws Exception {
        NodeConfig node = parse("""
                flows:
                  - id: f
                    triggers: [{id: t, type: data}]
                    tasks: [{id: a, type: exec, listen: trigger.good, timeout: 90, opts: {cmd: x}}]
                """).flows().get(0).tasks().get(0);

        assertThat(node.timeout()).isEqualTo("90");
    }

    @Test
    void mergeKeysShareSettingsBetweenNodes() throws Exception {
        FlowConfig flow = parse("""
                flows:
                  - id: f
                    triggers: [{id: t, type: data}]
                    tasks:
                      - &exec
                        id: a
                        type: exec
                        listen: trigger.good
                        opts: {cmd: make}
                      - <<: *exec
                        id: b
                """).flows().get(0);

        assertThat(flow.task("b").orElseThrow().type()).isEqualTo("exec");
        assertThat(flow.task("b").orElseThrow().opts()).containsEntry("cmd", "make");
    }

    @Test
    void anEmptyDocumentIsAnEmptyConfig() throws Exception {
        FloeConfig cfg = parse("# nothing yet\n");

        assertThat(cfg.flows()).isEmpty();
        assertThat(cfg.common()).isEqualTo(CommonConfig.defaults());
        assertThat(cfg.source()).isEqualTo("test.yml");
    }

    @Test
    void loadNamesTheFileInProblems() {
        Path file = dir.resolve("missing.yml");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.load(file, TYPES))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("can not read the config file " + file);
    }
}
