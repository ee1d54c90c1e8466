package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;

/** The guard with ProcessBuilder's launcher. */
class GuardedLocalProcessLauncherTest extends TaskGuardContract {
    @Override
    ProcessLauncher plain() {
        return new LocalProcessLauncher();
    }
}
