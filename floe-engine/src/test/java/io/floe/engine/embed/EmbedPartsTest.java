package io.floe.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.config.ConfigException;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.view.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pieces: build results, prefixed log lines, reading the YAML and the values a job gives. */
class EmbedPartsTest {
    private static final RunRef REF = new RunRef(new FlowRef("app", 1), new HostedRef("jenkins", 4), "jenkins");

    @Test
    void aRunThatEndedGoodIsASuccessBadIsAFailureAndAnAbortedBuildIsAbortedWhateverTheRun() {
        assertThat(BuildResult.of(summary("good", true), false)).isEqualTo(BuildResult.SUCCESS);
        assertThat(BuildResult.of(summary("bad", false), false)).isEqualTo(BuildResult.FAILURE);
        // a run cancelled from outside the build (the dashboard, a script) aborts it: it did not fail
        assertThat(BuildResult.of(summary("cancelled", false), false)).isEqualTo(BuildResult.ABORTED);
        assertThat(BuildResult.of(summary("good", true), true)).isEqualTo(BuildResult.ABORTED);
        assertThat(BuildResult.of(summary("running", false), true)).isEqualTo(BuildResult.ABORTED);
        assertThatThrownBy(() -> BuildResult.of(summary("running", false), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run jenkins-4 is running, not ended: wait for its end before asking for the build's"
                        + " result");
    }

    @Test
    void eachLineOfATaskCarriesItsNode() {
        assertThat(PrefixedLog.format("build", "make: ok")).isEqualTo("[floe:build] make: ok");
        assertThat(PrefixedLog.format("build", "one\r\ntwo\n")).isEqualTo("[floe:build] one" + System.lineSeparator()
                + "[floe:build] two");
        assertThat(PrefixedLog.format("build", "")).isEqualTo("[floe:build] ");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrefixedLog log = new PrefixedLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        log.line("test", "3 passed");
        log.note("run jenkins-4 adopted");
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("[floe:test] 3 passed", "[floe] run jenkins-4 adopted");
    }

    @Test
    void aWholeConfigAndASingleFlowAreBothRead() throws Exception {
        FloeConfig whole = FlowDocument.parse("""
                common: {}
                flows:
                  - {id: a, triggers: [{name: go, type: data}], tasks: [{name: t, listen: trigger.good, type: end}]}
                  - {id: b, triggers: [{name: go, type: data}], tasks: [{name: t, listen: trigger.good, type: end}]}
                """, "floe.yml", NodeTypes.discover());
        assertThat(whole.flows()).extracting(f -> f.id()).containsExactly("a", "b");

        FloeConfig single = FlowDocument.parse("""
                name: Build the app
                triggers: [{name: go, type: data}]
                tasks: [{name: t, listen: trigger.good, type: end}]
                """, "flow.yml", NodeTypes.discover());
        assertThat(single.flows()).extracting(f -> f.id()).containsExactly("build-the-app");
    }

    @Test
    void aBrokenFlowSaysWhereWithItsLine() {
        assertThatThrownBy(() -> FlowDocument.parse("""
                id: broken
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: t, listen: trigger.good, type: exec, opts: {args: [x]}}
                """, "flow.yml", NodeTypes.discover()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("flow.yml:4");
        assertThatThrownBy(() -> FlowDocument.parse("flows: [\n  - {id: x", "flow.yml", NodeTypes.discover()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("flow.yml:");
    }

    @Test
    void valuesAreNameEqualsValueLines() {
        Map<String, Object> v = FormValues.parse("""
                # what to build
                branch = main
                
                flags=-x=1 -y
                """);
        assertThat(v).containsExactly(Map.entry("branch", " main"), Map.entry("flags", "-x=1 -y"));
        assertThat(FormValues.parse(null)).isEmpty();
        assertThatThrownBy(() -> FormValues.parse("a=1\nnonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values line 2 'nonsense' is not name=value: write one name=value per line");
    }

    @Test
    void aFlowFileReferenceIsAPathInsideTheWorkspace() throws Exception {
        assertThat(WorkspaceFlowFiles.relative("./ci//flow.yml")).isEqualTo("ci/flow.yml");
        assertThat(WorkspaceFlowFiles.relative("ci\\win.yml")).isEqualTo("ci/win.yml");
        for (String outside : new String[] {"/etc/floe.yml", "~/f.yml", "C:\\f.yml", "ci/../../f.yml", ".", ""}) {
            assertThatThrownBy(() -> WorkspaceFlowFiles.relative(outside)).as(outside)
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    private static RunSummary summary(String status, boolean good) {
        boolean ended = status.equals("good") || status.equals("bad") || status.equals("cancelled");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        String original = status.equals("cancelled") ? "bad" : status;
        return new RunSummary(REF, "jenkins", original, t, t, ended ? t : null, ended, good, "", "",
                ended ? status : "", null);
    }
}
