package io.floe.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every launcher of local processes does: starting, output, status, and killing the tree. */
abstract class ProcessLauncherContract {
    @TempDir
    Path dir;
    private final ExecutorService waiters = Executors.newCachedThreadPool();

    /** The launcher under test, with the given kill grace period. */
    abstract ProcessLauncher launcher(Duration killGrace);

    ProcessLauncher launcher() {
        return launcher(LocalProcessLauncher.DEFAULT_KILL_GRACE);
    }

    @AfterEach
    void stopWaiters() {
        waiters.shutdownNow();
    }

    ProcessSpec bash(String script, Map<String, String> env) {
        return new ProcessSpec(List.of("/bin/bash", "-c", script), dir, env);
    }

    static CompletableFuture<Integer> exit(LaunchedProcess p) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String firstLine(LaunchedProcess p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.output(), StandardCharsets.UTF_8)).readLine();
    }

    static String all(LaunchedProcess p) throws IOException {
        try (InputStream in = p.output()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void runsInTheFolderWithOnlyTheGivenEnvironmentAndMergesStderr() throws Exception {
        LaunchedProcess p = launcher().start(
                bash("echo \"$PWD ${HOME:-nohome} $ONLY\" >&2; exit 4", Map.of("ONLY", "this")));

        assertThat(firstLine(p)).isEqualTo(dir.toRealPath() + " nohome this");
        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isEqualTo(4);
    }

    @Test
    void stdoutAndStderrArriveInOrderAndStdinIsEmpty() throws Exception {
        LaunchedProcess p = launcher().start(bash("echo one; echo two >&2; cat; echo three", Map.of()));

        assertThat(all(p)).isEqualTo("one\ntwo\nthree\n");
        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void endedCompletesWhenTheProcessEndsAndTheStatusIsThen() throws Exception {
        LaunchedProcess p = launcher().start(bash("read -t 0.2 x; exit 7", Map.of()));

        p.ended(waiters).get(30, TimeUnit.SECONDS);

        assertThat(p.waitFor()).isEqualTo(7);
    }

    @Test
    void theProcessInheritsNoOpenFileOfTheHost() throws Exception {
        Path held = Files.writeString(dir.resolve("held.txt"), "x");
        try (InputStream open = Files.newInputStream(held)) {
            LaunchedProcess p = launcher().start(bash("ls -l /proc/$$/fd | grep -c held.txt", Map.of()));

            assertThat(all(p).strip()).isEqualTo("0");
            assertThat(exit(p).get(30, TimeUnit.SECONDS)).isOne(); // grep found nothing
        }
    }

    @Test
    void aMissingProgramIsAnIOException() {
        assertThatThrownBy(() -> launcher().start(new ProcessSpec(List.of("no-such-program-floe"), dir, Map.of())))
                .isInstanceOf(IOException.class).hasMessageContaining("no-such-program-floe");
    }

    @Test
    void aMissingFolderIsAnIOException() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> launcher().start(new ProcessSpec(List.of("/bin/true"), missing, Map.of())))
                .isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void aKilledProcessEndsWithMinusOne() throws Exception {
        LaunchedProcess p = launcher().start(bash("echo up; sleep 1000", Map.of()));
        assertThat(firstLine(p)).isEqualTo("up");

        p.killTree();

        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isEqualTo(-1);
        p.killTree();
    }

    @Test
    void killingStopsTheChildrenToo() throws Exception {
        LaunchedProcess p = launcher().start(bash("sleep 1000 & echo $!; wait", Map.of()));
        long child = Long.parseLong(firstLine(p).strip());
        assertThat(ProcessHandle.of(child)).isPresent();

        p.killTree();

        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isEqualTo(-1);
        ProcessHandle h = ProcessHandle.of(child).orElse(null);
        if (h != null) {
            h.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        LaunchedProcess p = launcher(Duration.ofMillis(200))
                .start(bash("trap '' TERM; echo trapped; while :; do sleep 0.2; done", Map.of()));
        assertThat(firstLine(p)).isEqualTo("trapped");

        p.killTree();

        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isEqualTo(-1);
    }

    @Test
    void aProgramExitingWithAHighStatusIsNotTakenForKilled() throws Exception {
        LaunchedProcess p = launcher().start(bash("exit 143", Map.of()));

        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isEqualTo(143);
    }

    @Test
    void killingAnEndedProcessDoesNothing() throws Exception {
        LaunchedProcess p = launcher().start(bash("exit 0", Map.of()));
        assertThat(exit(p).get(30, TimeUnit.SECONDS)).isZero();

        p.killTree();

        assertThat(p.waitFor()).isZero();
    }
}
