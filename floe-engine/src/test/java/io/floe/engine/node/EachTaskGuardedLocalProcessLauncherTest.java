package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;

/** A watcher per task (a host that runs one run, {@code floe run}) and the ProcessBuilder launcher. */
class EachTaskGuardedLocalProcessLauncherTest extends TaskGuardContract {
    @Override
    ProcessLauncher plain() {
        return new LocalProcessLauncher();
    }

    @Override
    boolean eachTaskAlone() {
        return true;
    }
}
