package io.floe.engine;

import io.floe.engine.node.ProcessLauncher;
import io.floe.engine.run.RunStore;
import java.nio.file.Path;

/** The parts a host uses when its builder is given none. */
final class Defaults {
    private Defaults() {}

    static ProcessLauncher launcher() {
        throw new IllegalStateException("no default process launcher yet");
    }

    static RunStore store(String type, Path root) {
        throw new IllegalStateException("no default store yet");
    }
}
