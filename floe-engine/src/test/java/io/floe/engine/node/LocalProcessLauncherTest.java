package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;
import java.time.Duration;

/** Starting and killing local processes with ProcessBuilder. */
class LocalProcessLauncherTest extends ProcessLauncherContract {
    @Override
    ProcessLauncher launcher(Duration killGrace) {
        return new LocalProcessLauncher(killGrace);
    }
}
