package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;
import java.time.Duration;

/** The guard with a grace period (tasks can be detached through the guard process) and the posix_spawn launcher. */
class DurableGuardedPosixSpawnLauncherTest extends TaskGuardContract {
    @Override
    ProcessLauncher plain() {
        return PosixSpawnLauncher.load(Duration.ofSeconds(3)).orElseThrow();
    }

    @Override
    Duration grace() {
        return Duration.ofMinutes(10);
    }
}
