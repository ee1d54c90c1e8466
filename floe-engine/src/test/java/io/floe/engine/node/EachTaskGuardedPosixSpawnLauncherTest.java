package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;
import java.time.Duration;

/** A watcher per task (a host that runs one run, {@code floe run}) and the posix_spawn launcher. */
class EachTaskGuardedPosixSpawnLauncherTest extends TaskGuardContract {
    @Override
    ProcessLauncher plain() {
        return PosixSpawnLauncher.load(Duration.ofSeconds(3)).orElseThrow();
    }

    @Override
    boolean eachTaskAlone() {
        return true;
    }
}
