package io.floe.engine;

import io.floe.engine.node.LauncherLoadedAside;
import io.floe.engine.spi.ProcessLauncher;
import java.util.Map;

/** The process launchers a host or a command line gives {@link Floe.Builder#launcher} or an embedded run. */
public final class Launchers {
    private Launchers() {}

    /**
     * The launcher the environment's {@code FLOE_LAUNCHER} names (posix_spawn where it can be loaded, else the JDK's
     * ProcessBuilder, when unset or {@code auto}). The automatic choice is loaded on a thread of its own while the caller
     * goes on starting, and the first process started waits for it; a named launcher is loaded at once, so a wrong name
     * stops the start with its message.
     */
    public static ProcessLauncher fromEnvironment(Map<String, String> env) {
        return LauncherLoadedAside.choose(env);
    }
}
