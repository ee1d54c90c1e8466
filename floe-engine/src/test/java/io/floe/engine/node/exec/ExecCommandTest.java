package io.floe.engine.node.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.spi.Workspace;
import io.floe.engine.workspace.Substitution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NT-02: how cmd, shell and args become a command line (floe-spec §4.5). */
class ExecCommandTest {
    private static final Workspace WS = new Workspace(Path.of("/base/path"));

    private static List<String> argv(Map<String, Object> opts) {
        return ExecCommand.from(opts).orElseThrow()
                .argv(Substitution.expandingVars(WS, Map.of("DAN", "fart")), Substitution.leavingVars(WS));
    }

    @Test
    void cmdIsSplitIntoProgramAndArguments() {
        assertThat(argv(Map.of("cmd", "foo bar"))).containsExactly("foo", "bar");
    }

    @Test
    void shellRunsTheScriptWithBash() {
        assertThat(argv(Map.of("shell", "foo bar"))).containsExactly("bash", "-c", "foo bar");
    }

    @Test
    void runsOfSpacesInCmdSeparateArgumentsWithoutEmptyOnes() {
        assertThat(argv(Map.of("cmd", "  make   build  "))).containsExactly("make", "build");
    }

    @Test
    void cmdWithArgsIsNotSplitAndArgsStayWhole() {
        assertThat(argv(Map.of("cmd", "my tool", "args", List.of("a b", "./out", "$DAN"))))
                .containsExactly("my tool", "a b", "/base/path/out", "fart");
    }

    @Test
    void shellArgsAreAppendedQuoted() {
        assertThat(argv(Map.of("shell", "printf '%s\\n'", "args", List.of("a b", "it's", "plain", ""))))
                .containsExactly("bash", "-c", "printf '%s\\n' 'a b' 'it'\\''s' plain ''");
    }

    @Test
    void theShellScriptKeepsItsVariablesButItsArgsAreExpanded() {
        assertThat(argv(Map.of("shell", "echo $DAN {{ws}}", "args", List.of("$DAN"))))
                .containsExactly("bash", "-c", "echo $DAN /base/path fart");
    }

    @Test
    void cmdWinsOverShell() {
        assertThat(argv(Map.of("cmd", "echo a", "shell", "echo b"))).containsExactly("echo", "a");
    }

    @Test
    void neitherCmdNorShellIsNothingToRun() {
        assertThat(ExecCommand.from(Map.of("args", List.of("x")))).isEmpty();
        assertThat(ExecCommand.from(Map.of("cmd", "  ", "shell", ""))).isEmpty();
    }
}
