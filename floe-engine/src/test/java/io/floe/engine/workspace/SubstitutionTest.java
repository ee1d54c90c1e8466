package io.floe.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.spi.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NT-04 and the changed variable rules (floe-spec §2.8, DESIGN.md "Decisions"). */
class SubstitutionTest {
    private static final Workspace WS = new Workspace(Path.of("/base/path"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "OOF={{ws}}/oof | OOF=/base/path/oof",
            "./go           | /base/path/go",
            "OOF=./oof      | OOF=/base/path/oof",
            "/go{{ws}}      | /go/base/path",
            "/go/{{ws}}     | /go/base/path",
            "./...          | ./...",
            "./../          | /base/path/../"})
    void expandEnvGivesTheVerifiedResultsOfTheOriginal(String in, String out) {
        assertThat(Substitution.expandingVars(WS, Map.of()).expandEnv(in)).isEqualTo(out);
    }

    @Test
    void aLoneDotIsTheWorkspace() {
        Substitution sub = Substitution.expandingVars(WS, Map.of());
        assertThat(sub.expandValue(".")).isEqualTo("/base/path");
        assertThat(sub.expandEnv("DIR=.")).isEqualTo("DIR=/base/path");
    }

    @Test
    void anEntryWithTwoEqualsSignsIsExpandedAsAWhole() {
        assertThat(Substitution.expandingVars(WS, Map.of()).expandEnv("A=./b=c")).isEqualTo("A=./b=c");
    }

    @Test
    void expandWsLeavesALeadingDotSlashAlone() {
        assertThat(Substitution.expandingVars(WS, Map.of()).expandWs("./run.sh")).isEqualTo("./run.sh");
    }

    @Test
    void variablesComeFromTheGivenEnvironmentNotTheHosts() {
        Map<String, String> env = Map.of("DAN", "fart", "X_1", "y");
        Substitution sub = Substitution.expandingVars(WS, env);

        assertThat(sub.expandEnv("A=$DAN/${X_1}-$X_1.")).isEqualTo("A=fart/y-y.");
        assertThat(sub.expandWs("$HOME/x")).as("HOME is not in the task env").isEqualTo("/x");
    }

    @Test
    void theEnvironmentIsReadAtEachCallSoEntriesCanReferToEarlierOnes() {
        Map<String, String> env = new LinkedHashMap<>();
        Substitution sub = Substitution.expandingVars(WS, env);
        env.put("A", "one");

        assertThat(sub.expandEnv("B=$A-two")).isEqualTo("B=one-two");
    }

    @Test
    void aDollarThatStartsNoNameIsKept() {
        Substitution sub = Substitution.expandingVars(WS, Map.of());
        assertThat(sub.expandWs("costs $ 5 or $")).isEqualTo("costs $ 5 or $");
        assertThat(sub.expandWs("${UNCLOSED")).isEqualTo("${UNCLOSED");
    }

    @Test
    void leavingVarsKeepsVariablesForTheShellButStillExpandsTheWorkspace() {
        Substitution sub = Substitution.leavingVars(WS);

        assertThat(sub.expandEnv("echo $DAN ${FLOEWS} {{ws}}/x")).isEqualTo("echo $DAN ${FLOEWS} /base/path/x");
        assertThat(sub.expandEnv("./build.sh $1")).isEqualTo("/base/path/build.sh $1");
    }
}
