package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;
import java.time.Duration;

/** The guard with a grace period (tasks can be detached through the guard process) and the ProcessBuilder launcher. */
class DurableGuardedLocalProcessLauncherTest extends TaskGuardContract {
    @Override
    ProcessLauncher plain() {
        return new LocalProcessLauncher(Duration.ofSeconds(3));
    }

    @Override
    Duration grace() {
        return Duration.ofMinutes(10);
    }
}
