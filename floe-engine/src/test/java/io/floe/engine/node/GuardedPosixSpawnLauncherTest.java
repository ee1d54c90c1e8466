package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;
import java.time.Duration;

/** The guard with the posix_spawn launcher. */
class GuardedPosixSpawnLauncherTest extends TaskGuardContract {
    @Override
    ProcessLauncher plain() {
        return PosixSpawnLauncher.load(Duration.ofSeconds(3)).orElseThrow();
    }
}
