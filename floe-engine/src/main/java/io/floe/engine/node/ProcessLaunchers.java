package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how a host starts local processes, from the environment variable {@value #VARIABLE}: {@code posix-spawn}
 * ({@link PosixSpawnLauncher}), {@code process-builder} ({@link LocalProcessLauncher}), or unset / {@code auto}: the
 * posix_spawn launcher where it loads (Linux with glibc 2.34+, jnr-ffi on the class path), else ProcessBuilder.
 * posix_spawn starts a trivial program about twice as fast on Linux (docs/BENCHMARKS.md, figure 3); ProcessBuilder
 * is the fallback everywhere else.
 */
public final class ProcessLaunchers {
    /** The environment variable that chooses the launcher. */
    public static final String VARIABLE = "FLOE_LAUNCHER";
    private static final Logger log = LoggerFactory.getLogger(ProcessLaunchers.class);

    private ProcessLaunchers() {}

    /** The launcher {@value #VARIABLE} in the process's environment asks for. */
    public static ProcessLauncher fromEnvironment() {
        return choose(System.getenv());
    }

    /**
     * The launcher {@code env}'s {@value #VARIABLE} asks for; a posix_spawn launcher asked for by name but not
     * available here falls back to ProcessBuilder with a warning.
     *
     * @throws IllegalArgumentException for a value that names no launcher
     */
    public static ProcessLauncher choose(Map<String, String> env) {
        String choice = env.getOrDefault(VARIABLE, "").strip().toLowerCase(Locale.ROOT);
        Duration grace = LocalProcessLauncher.DEFAULT_KILL_GRACE;
        switch (choice) {
            case "", "auto" -> {
                return posixSpawn(grace).orElseGet(() -> new LocalProcessLauncher(grace));
            }
            case "posix-spawn" -> {
                return posixSpawn(grace).orElseGet(() -> {
                    log.warn("{}=posix-spawn, but posix_spawn cannot be used here (it needs Linux with glibc 2.34"
                            + " or later and jnr-ffi); starting processes with ProcessBuilder", VARIABLE);
                    return new LocalProcessLauncher(grace);
                });
            }
            case "process-builder" -> {
                return new LocalProcessLauncher(grace);
            }
            default -> throw new IllegalArgumentException(VARIABLE + "=" + env.get(VARIABLE)
                    + " names no process launcher: use posix-spawn, process-builder or auto (the default)");
        }
    }

    private static Optional<ProcessLauncher> posixSpawn(Duration grace) {
        try {
            return PosixSpawnLauncher.load(grace).map(l -> l);
        } catch (LinkageError e) {
            // jnr-ffi is an optional dependency: without it the launcher's class cannot even be loaded
            log.debug("posix_spawn launcher not available: {}", e.toString());
            return Optional.empty();
        }
    }
}
