package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems a config written for the original may have: it still loads, and each is reported with its line. */
class ConfigWarningsTest {
    private static final TypeCatalog TYPES = new TestCatalog();

    private static List<String> warnings(String yaml) throws ConfigException {
        FloeConfig cfg = ConfigLoader.parse(yaml, "default.yml", null, TYPES);
        return cfg.warnings().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void unknownKeysAreReportedWithTheirLineAndTheKnownKeys() throws Exception {
        assertThat(warnings("""
                common:
                  workspace: /tmp
                flows:
                  - id: f
                    triggers: [{id: t, type: data}]
                    tasks:
                      - id: a
                        nmae: Build
                        type: end
                        listen: trigger.good
                extra: 1
                """)).containsExactly(
                "default.yml:2: common - unknown key 'workspace' ignored (known: hosts, base-url, workspace-root, "
                        + "store-root, store-type, store-url, store-user, store-password-file, host-lease, git-key, "
                        + "key-file, config-path, config-poll, users, webhook-secret, flow-file-roots, "
                        + "artifacts-max-size, artifacts-keep, public-url, notify, task-grace, log-sync)",
                "default.yml:8: flow 0 - task 0 - unknown key 'nmae' ignored (did you mean 'name'? known: id, name, "
                        + "class, type, listen, wait, good, ignore-fail, use-status, timeout, opts)",
                "default.yml:11: unknown key 'extra' ignored (known: common, flows)");
    }

    @Test
    void listensThatMatchNoNodeAndWhatTheyCutOff() throws Exception {
        FloeConfig cfg = ConfigLoader.parse("""
                flows:
                  - id: f
                    triggers: [{id: t, type: data}]
                    tasks:
                      - {id: build, type: end, listen: trigger.good}
                      - {id: test, type: end, listen: task.biuld.good}
                      - {id: report, type: end, listen: task.test.bad}
                      - {id: done, type: end, listen: build-done}
                      - {id: m, class: merge, wait: [task.build.good, merge.build.good]}
                """, "default.yml", null, TYPES);

        assertThat(cfg.flows()).hasSize(1);
        assertThat(cfg.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "default.yml:6: flow 0 - task 1 - listen 'task.biuld.good' matches no node of this flow; "
                        + "the task will never run",
                "default.yml:8: flow 0 - task 3 - listen 'build-done' is not an event tag (expected trigger.good, "
                        + "task.<id>.<result> or merge.<id>.good); the task will never run",
                "default.yml:9: flow 0 - task 4 - wait 'merge.build.good' matches no node of this flow; "
                        + "the merge can never complete",
                "default.yml:6: flow 0 - task 1 - node 'test' can not be reached from any trigger, so it will never run",
                "default.yml:7: flow 0 - task 2 - node 'report' can not be reached from any trigger, "
                        + "so it will never run",
                "default.yml:8: flow 0 - task 3 - node 'done' can not be reached from any trigger, so it will never run");
    }

    @Test
    void triggerGoodNeedsATrigger() throws Exception {
        assertThat(warnings("""
                flows:
                  - id: f
                    tasks:
                      - {id: a, type: end, listen: trigger.good}
                """)).first().isEqualTo("default.yml:4: flow 0 - task 0 - listen 'trigger.good' can not fire, as the flow has no "
                + "triggers; the task will never run");
    }

    @Test
    void anyTriggerMatchesTriggerGood() throws Exception {
        assertThat(warnings("""
                flows:
                  - id: f
                    triggers:
                      - {id: a, type: data}
                      - {id: b, type: timer, opts: {period: 5}}
                    tasks:
                      - {id: x, type: end, listen: trigger.good}
                """)).isEmpty();
    }

    @Test
    void repeatedKeysKeepTheLaterValue() throws Exception {
        FloeConfig cfg = ConfigLoader.parse("""
                flows:
                  - id: f
                    ver: 1
                    ver: 2
                """, "default.yml", null, TYPES);

        assertThat(cfg.flows().get(0).ver()).isEqualTo(2);
        assertThat(cfg.warnings()).extracting(ConfigProblem::toString)
                .containsExactly("default.yml:4: flow 0 - key 'ver' is also set on line 3; this later value is used");
    }

    @Test
    void gitKeyWinsOverKeyFile() throws Exception {
        FloeConfig cfg = ConfigLoader.parse("""
                common:
                  git-key: /a
                  key-file: /b
                """, "default.yml", null, TYPES);

        assertThat(cfg.common().gitKey()).isEqualTo("/a");
        assertThat(cfg.warnings()).extracting(ConfigProblem::toString)
                .containsExactly("default.yml:3: common - both git-key and key-file are set; git-key is used");
    }

    @Test
    void timeoutOnAMergeIsIgnored() throws Exception {
        assertThat(warnings("""
                flows:
                  - id: f
                    triggers: [{id: t, type: data}]
                    tasks:
                      - {id: a, type: end, listen: trigger.good}
                      - {id: m, class: merge, wait: [task.a.good], timeout: 5m}
                """)).containsExactly("default.yml:6: flow 0 - task 1 - timeout only applies to task nodes; ignored");
    }

    @Test
    void aPasswordInTheStoreUrlIsWarnedAboutAndTheConnectionIsKept() throws Exception {
        FloeConfig c = ConfigLoader.parse("""
                common:
                  store-type: postgres
                  store-url: jdbc:postgresql://127.0.0.1:5432/floe?user=floe&password=hunter2
                  store-password-file: ~/.floe/db-password
                  host-lease: 5s
                """, "default.yml", null, new TestCatalog());
        assertThat(c.warnings()).extracting(ConfigProblem::toString).containsExactly("default.yml:3: common - "
                + "store-url contains a password, which ends up wherever the config is kept; put it in "
                + "store-password-file or the FLOE_STORE_PASSWORD environment variable instead");
        assertThat(c.common().store()).isEqualTo(new StoreConnection(
                "jdbc:postgresql://127.0.0.1:5432/floe?user=floe&password=hunter2", "", "~/.floe/db-password",
                java.time.Duration.ofSeconds(5)));
        assertThat(c.common().effectiveStoreType()).isEqualTo("postgres");
    }

    @Test
    void logSyncIsReadForALocalStoreAndWarnedAboutForAnother() throws Exception {
        FloeConfig local = ConfigLoader.parse("""
                common:
                  store-type: local
                  log-sync: true
                """, "default.yml", null, new TestCatalog());
        assertThat(local.warnings()).isEmpty();
        assertThat(local.common().store().logSync()).isTrue();
        FloeConfig memory = ConfigLoader.parse("""
                common:
                  log-sync: true
                """, "default.yml", null, new TestCatalog());
        assertThat(memory.warnings()).extracting(ConfigProblem::toString).containsExactly("default.yml:2: common - "
                + "log-sync is only used with store-type local (postgres commits task logs with the state; memory"
                + " keeps nothing); store-type is memory");
        assertThat(ConfigLoader.parse("common: {store-type: local}", "default.yml", null, new TestCatalog())
                .common().store().logSync()).isFalse();
    }
}
