package io.floe.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's launcher, loaded on a thread of its own, starts real processes as the launcher it loads does. */
class LauncherLoadedAsideTest {
    @TempDir
    Path dir;

    @Test
    void theFirstProcessWaitsForTheLauncherAndRuns() throws Exception {
        ProcessLauncher launcher = LauncherLoadedAside.choose(Map.of());
        LaunchedProcess p = launcher.start(new ProcessSpec(List.of("/bin/sh", "-c", "echo started; exit 3"), dir,
                Map.of()));
        String output = new String(p.output().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(3);
        assertThat(output).isEqualTo("started\n");
    }

    @Test
    void aLauncherThatFailedToLoadSaysSoAtTheFirstProcess() {
        ProcessLauncher launcher = LauncherLoadedAside.load(() -> {
            throw new UnsatisfiedLinkError("no libc here");
        });
        assertThatThrownBy(() -> launcher.start(new ProcessSpec(List.of("true"), dir, Map.of())))
                .isInstanceOf(IOException.class).hasMessageContaining("could not be loaded")
                .hasMessageContaining("no libc here");
    }

    @Test
    void aLauncherNamedWronglyIsRefusedAtOnce() {
        assertThatThrownBy(() -> LauncherLoadedAside.choose(Map.of("FLOE_LAUNCHER", "fork")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOE_LAUNCHER=fork");
    }
}
