package io.floe.engine.node;

/** The guard with ProcessBuilder's launcher. */
class GuardedLocalProcessLauncherTest extends TaskGuardContract {
    @Override
    ProcessLauncher plain() {
        return new LocalProcessLauncher();
    }
}
