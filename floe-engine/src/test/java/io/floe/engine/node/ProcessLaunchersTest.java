package io.floe.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing the launcher of local processes with FLOE_LAUNCHER. */
class ProcessLaunchersTest {
    @Test
    void byDefaultPosixSpawnWhereItLoads() {
        // the build machines run Linux with a recent glibc, and jnr-ffi is on the test class path
        assertThat(ProcessLaunchers.choose(Map.of())).isInstanceOf(PosixSpawnLauncher.class);
        assertThat(ProcessLaunchers.choose(Map.of("FLOE_LAUNCHER", " Auto "))).isInstanceOf(PosixSpawnLauncher.class);
        assertThat(ProcessLaunchers.choose(Map.of("FLOE_LAUNCHER", "posix-spawn")))
                .isInstanceOf(PosixSpawnLauncher.class);
    }

    @Test
    void processBuilderWhenAskedFor() {
        assertThat(ProcessLaunchers.choose(Map.of("FLOE_LAUNCHER", "process-builder")))
                .isInstanceOf(LocalProcessLauncher.class);
    }

    @Test
    void anUnknownLauncherIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> ProcessLaunchers.choose(Map.of("FLOE_LAUNCHER", "fork")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOE_LAUNCHER=fork")
                .hasMessageContaining("posix-spawn").hasMessageContaining("process-builder");
    }
}
