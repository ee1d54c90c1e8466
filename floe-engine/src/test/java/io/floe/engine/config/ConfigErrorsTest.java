package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.floe.testflows.TestFlows;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configs that must not load: each problem is reported with its file, line, path and a message saying what to do. */
class ConfigErrorsTest {
    private static final TypeCatalog TYPES = new TestCatalog();

    private static List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(yaml, "default.yml", null, TYPES));
        assertThat(e).as("config should be refused").isNotNull();
        assertThat(e.getMessage()).isEqualTo(String.join("\n",
                e.problems().stream().map(ConfigProblem::toString).toList()));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    /** A flow whose tasks are given; the trigger is on line 4, tasks start on line 6. */
    private static String flow(String tasks) {
        return """
                flows:
                  - id: f
                    triggers:
                      - {id: t, type: data}
                    tasks:
                """ + tasks;
    }

    @Test
    void yamlSyntaxErrorHasItsLine() {
        assertThat(problems("""
                flows:
                  - id: f
                    name: a: b
                """)).singleElement().asString()
                .startsWith("default.yml:3: YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void wrongTypesNameTheKeyTheTypeAndTheLine() {
        assertThat(problems("""
                common:
                  hosts: 5
                flows:
                  - id: f
                    ver: abc
                    reuse-space: maybe
                    triggers: [{id: t, type: data}]
                    tasks:
                      - id: a
                        type: end
                        listen: trigger.good
                        good: [0,
                          x]
                """)).containsExactly(
                "default.yml:2: common - 'hosts' must be a list of text values, not '5'",
                "default.yml:5: flow 0 - 'ver' must be an integer, not 'abc'",
                "default.yml:6: flow 0 - 'reuse-space' must be true or false, not 'maybe'",
                "default.yml:13: flow 0 - task 0 - 'good' must be a list of integers (exit codes), not 'x'");
    }

    @Test
    void nodeNeedsAnIdOrAName() {
        assertThat(problems(flow("""
                      - type: end
                        listen: trigger.good
                """))).containsExactly("default.yml:6: flow 0 - task 0 - id and name can not both be empty");
    }

    @Test
    void flowNeedsAnIdOrAName() {
        assertThat(problems("""
                flows:
                  - ver: 1
                    name: " .- "
                """)).containsExactly("default.yml:2: flow 0 - id and name can not both be empty");
    }

    @Test
    void specifiedIdCanNotHaveSpacesOrFullStops() {
        assertThat(problems(flow("""
                      - type: end
                        listen: trigger.good
                        id: the end
                """))).containsExactly(
                "default.yml:8: flow 0 - task 0 - a specified id can not contain spaces or full stops");
        assertThat(problems("""
                flows:
                  - id: a.b
                """)).containsExactly("default.yml:2: flow 0 - a specified id can not contain spaces or full stops");
    }

    @Test
    void taskNodesCanNotHaveWaits() {
        assertThat(problems(flow("""
                      - {id: a, type: end, listen: trigger.good}
                      - {id: b, type: end, listen: trigger.good}
                      - id: c
                        type: end
                        listen: trigger.good
                        wait: [task.a.good]
                """))).containsExactly("default.yml:11: flow 0 - task 2 - task nodes can not have waits");
    }

    @Test
    void mergeNodesCanNotHaveListenSet() {
        assertThat(problems(flow("""
                      - {id: a, type: end, listen: trigger.good}
                      - id: m
                        class: merge
                        listen: trigger.good
                        wait: [task.a.good]
                """))).containsExactly("default.yml:9: flow 0 - task 1 - merge nodes can not have listen set");
    }

    @Test
    void mergeNodesNeedWaitsAndAKnownType() {
        assertThat(problems(flow("""
                      - {id: a, type: end, listen: trigger.good}
                      - {id: m, class: merge, type: some}
                """))).containsExactly(
                "default.yml:7: flow 0 - task 1 - merge type 'some' is unknown: use all or any",
                "default.yml:7: flow 0 - task 1 - merge nodes need at least one wait tag, e.g. wait: [task.a.good]");
    }

    @Test
    void duplicateIdsAcrossTriggersAndTasks() {
        assertThat(problems(flow("""
                      - {id: a, type: end, listen: trigger.good}
                      - {name: T, type: end, listen: trigger.good}
                """))).containsExactly("default.yml:7: flow 0 - 2 nodes have id: t");
    }

    @Test
    void unknownClass() {
        assertThat(problems(flow("""
                      - id: a
                        class: job
                        type: end
                        listen: trigger.good
                """))).containsExactly("default.yml:7: flow 0 - task 0 - class 'job' is unknown: use task or merge");
        assertThat(problems("""
                flows:
                  - id: f
                    triggers:
                      - {id: t, type: data, class: task}
                """)).containsExactly(
                "default.yml:4: flow 0 - trigger 0 - nodes under triggers must be of class trigger, not 'task'");
    }

    @Test
    void unknownTypesListTheKnownOnes() {
        assertThat(problems(flow("""
                      - id: a
                        listen: trigger.good
                        type: shell
                """).replace("type: data", "type: webhook"))).containsExactly(
                "default.yml:4: flow 0 - trigger 0 - unknown trigger type 'webhook' (known: data, git-push, poll-git, timer)",
                "default.yml:8: flow 0 - task 0 - unknown task type 'shell' "
                        + "(known: data, end, exec, fetch, git-checkout, git-merge, timer)");
    }

    @Test
    void nodesNeedAType() {
        assertThat(problems(flow("""
                      - {id: a, listen: trigger.good}
                """))).containsExactly("default.yml:6: flow 0 - task 0 - task nodes need a type "
                + "(known: data, end, exec, fetch, git-checkout, git-merge, timer)");
    }

    @Test
    void typeChecksOfTheCatalogAreErrors() {
        assertThat(problems(flow("""
                      - id: a
                        listen: trigger.good
                        type: exec
                        opts:
                          args: [x]
                """))).containsExactly("default.yml:9: flow 0 - task 0 - exec needs a cmd or a shell option");
    }

    @Test
    void taskNeedsAListen() {
        assertThat(problems(flow("""
                      - id: a
                        type: end
                """))).containsExactly(
                "default.yml:6: flow 0 - task 0 - task nodes need a listen tag, e.g. listen: trigger.good");
    }

    @Test
    void timeoutMustBeADuration() {
        assertThat(problems(flow("""
                      - id: a
                        type: exec
                        listen: trigger.good
                        timeout: soon
                        opts: {cmd: make}
                """))).containsExactly("default.yml:9: flow 0 - task 0 - timeout 'soon' is not a duration: "
                + "write e.g. 90s, 10m, 1h30m, or a number of seconds");
    }

    @Test
    void twoFlowsWithTheSameIdAndVer() {
        assertThat(problems("""
                flows:
                  - {id: f, ver: 1}
                  - {id: g, ver: 1}
                  - {name: F, ver: 1}
                  - {id: f, ver: 2}
                """)).containsExactly(
                "default.yml:4: flow 2 - flow 0 has the same id 'f' and ver 1; give each flow its own id, or a new ver");
    }

    @Test
    void structureThatIsNotAMap() {
        assertThat(problems("- just a list\n")).containsExactly(
                "default.yml:1: the config must be a map with the keys common and flows, not a list");
        assertThat(problems(flow("""
                      - exec make
                """).replace("triggers:\n      - {id: t, type: data}", "triggers: {}"))).containsExactly(
                "default.yml:3: flow 0 - 'triggers' must be a list of nodes, not a map",
                "default.yml:5: flow 0 - task 0 - a node must be a map of its fields (id, name, class, type, listen, "
                        + "wait, good, ignore-fail, use-status, timeout, opts), not 'exec make'");
    }

    @Test
    void optsMustBeAMap() {
        assertThat(problems(flow("""
                      - id: a
                        type: end
                        listen: trigger.good
                        opts: [cmd]
                """))).containsExactly("default.yml:9: flow 0 - task 0 - 'opts' must be a map, not a list");
    }

    @Test
    void optsThatContainThemselvesAreRefused() {
        assertThat(problems(flow("""
                      - id: a
                        type: end
                        listen: trigger.good
                        opts: &o {me: *o}
                """))).containsExactly("default.yml:9: flow 0 - task 0 - 'opts' can not be read: "
                + "a value can not contain itself (check the YAML anchors and aliases)");
    }

    @Test
    void optsThatExpandBeyondReasonAreRefused() {
        StringBuilder levels = new StringBuilder("            l0: &l0 [x, x]\n");
        for (int i = 1; i < 25; i++) {
            levels.append("            l").append(i).append(": &l").append(i).append(" [*l").append(i - 1)
                    .append(", *l").append(i - 1).append("]\n");
        }
        assertThat(problems(flow("""
                      - id: a
                        type: end
                        listen: trigger.good
                        opts:
                """) + levels)).containsExactly("default.yml:10: flow 0 - task 0 - 'opts' can not be read: "
                + "it expands to more than 1000000 values (check the YAML anchors and aliases)");
    }

    @Test
    void everyProblemOfAConfigIsReportedAtOnce() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse(TestFlows.text("cfg-bad-many.yml"), "cfg-bad-many.yml", null, TYPES));

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "cfg-bad-many.yml:5: flow 0 - 'ver' must be an integer, not 'one'",
                "cfg-bad-many.yml:10: flow 0 - task 0 - exec needs a cmd or a shell option",
                "cfg-bad-many.yml:14: flow 0 - task 1 - task nodes can not have waits",
                "cfg-bad-many.yml:17: flow 0 - task 2 - a specified id can not contain spaces or full stops",
                "cfg-bad-many.yml:24: flow 1 - task 0 - merge nodes can not have listen set");
        assertThat(e.problems().get(0)).isEqualTo(new ConfigProblem("cfg-bad-many.yml", 5, "flow 0",
                "'ver' must be an integer, not 'one'"));
    }

    @Test
    void aSharedStoreNeedsAPostgresUrlAndASensibleLease() {
        assertThat(problems("""
                common:
                  store-type: postgres
                  host-lease: 10ms
                """)).containsExactly(
                "default.yml:2: common - store-type postgres needs store-url, the database's JDBC URL, e.g. "
                        + "store-url: jdbc:postgresql://db.example.com:5432/floe",
                "default.yml:3: common - host-lease 10ms is not a duration of at least 300ms (write it like 30s or 1m)");
        assertThat(problems("""
                common:
                  store-type: postgres
                  store-url: mysql://root:hunter2@db/floe
                """)).containsExactly("default.yml:3: common - store-url must be a PostgreSQL JDBC URL starting "
                + "with jdbc:postgresql://, not mysql://root:***@db/floe");
    }
}
