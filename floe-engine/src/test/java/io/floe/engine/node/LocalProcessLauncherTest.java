package io.floe.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and killing local processes. */
class LocalProcessLauncherTest {
    @TempDir
    Path dir;

    private ProcessSpec bash(String script, Map<String, String> env) {
        return new ProcessSpec(List.of("/bin/bash", "-c", script), dir, env);
    }

    private static CompletableFuture<Integer> exit(LaunchedProcess p) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String firstLine(LaunchedProcess p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.output(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void runsInTheFolderWithOnlyTheGivenEnvironmentAndMergesStderr() throws Exception {
        LaunchedProcess p = new LocalProcessLauncher().start(
                bash("echo \"$PWD ${HOME:-nohome} $ONLY\" >&2; exit 4", Map.of("ONLY", "this")));

        assertThat(firstLine(p)).isEqualTo(dir.toRealPath() + " nohome this");
        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isEqualTo(4);
    }

    @Test
    void aMissingProgramIsAnIOException() {
        assertThatThrownBy(() -> new LocalProcessLauncher().start(
                new ProcessSpec(List.of("no-such-program-floe"), dir, Map.of())))
                .isInstanceOf(IOException.class).hasMessageContaining("no-such-program-floe");
    }

    @Test
    void aKilledProcessEndsWithMinusOne() throws Exception {
        LaunchedProcess p = new LocalProcessLauncher().start(bash("echo up; sleep 1000", Map.of()));
        assertThat(firstLine(p)).isEqualTo("up");

        p.killTree();

        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isEqualTo(-1);
        p.killTree();
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        LaunchedProcess p = new LocalProcessLauncher(Duration.ofMillis(200))
                .start(bash("trap '' TERM; echo trapped; while :; do sleep 0.2; done", Map.of()));
        assertThat(firstLine(p)).isEqualTo("trapped");

        p.killTree();

        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void aProgramExitingWithAHighStatusIsNotTakenForKilled() throws Exception {
        LaunchedProcess p = new LocalProcessLauncher().start(bash("exit 143", Map.of()));

        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isEqualTo(143);
    }
}
