package io.floe.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.spi.ProcessLauncher;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Starting and killing local processes with C's posix_spawn: the same contract as ProcessBuilder's launcher. */
class PosixSpawnLauncherTest extends ProcessLauncherContract {
    @Override
    ProcessLauncher launcher(Duration killGrace) {
        // the build machines run Linux with a recent glibc: the launcher must load there
        return PosixSpawnLauncher.load(killGrace).orElseThrow();
    }

    @Test
    void loadsOnThisMachine() {
        assertThat(PosixSpawnLauncher.load(Duration.ofSeconds(1))).isPresent();
    }

    @Test
    void aNegativeGracePeriodIsRefused() {
        assertThatThrownBy(() -> PosixSpawnLauncher.load(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
