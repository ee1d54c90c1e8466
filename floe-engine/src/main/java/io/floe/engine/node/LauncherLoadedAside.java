package io.floe.engine.node;

import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The process launcher of a host or a {@code floe run}, loaded on a thread of its own while the rest starts (the
 * config, the web server): binding posix_spawn through jnr-ffi took a fifth of a host's start (docs/BENCHMARKS.md,
 * figure 12), and nothing before the first task needs it. The first process started waits for it.
 */
public final class LauncherLoadedAside implements ProcessLauncher {
    private final CompletableFuture<ProcessLauncher> loaded;

    private LauncherLoadedAside(CompletableFuture<ProcessLauncher> loaded) {
        this.loaded = loaded;
    }

    /**
     * The launcher {@link ProcessLaunchers#choose} picks from {@code env}: loaded aside when it is the automatic
     * choice; a named one at once, so a wrong {@code FLOE_LAUNCHER} still stops the start with its message.
     */
    public static ProcessLauncher choose(Map<String, String> env) {
        String choice = env.getOrDefault(ProcessLaunchers.VARIABLE, "").strip();
        if (!choice.isEmpty() && !choice.equalsIgnoreCase("auto")) {
            return ProcessLaunchers.choose(env);
        }
        return load(() -> ProcessLaunchers.choose(env));
    }

    static LauncherLoadedAside load(Supplier<ProcessLauncher> launcher) {
        CompletableFuture<ProcessLauncher> loaded = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                loaded.complete(launcher.get());
            } catch (Throwable e) {
                loaded.completeExceptionally(e);
            }
        }, "floe-launcher-load");
        t.setDaemon(true);
        t.start();
        return new LauncherLoadedAside(loaded);
    }

    @Override
    public LaunchedProcess start(ProcessSpec spec) throws IOException {
        return launcher().start(spec);
    }

    @Override
    public boolean findsProgramsItself() {
        try {
            return launcher().findsProgramsItself();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public ProcessLauncher guardedBy(TaskGuard guard) {
        return new LauncherLoadedAside(loaded.thenApply((Function<ProcessLauncher, ProcessLauncher>)
                l -> l.guardedBy(guard)));
    }

    private ProcessLauncher launcher() throws IOException {
        try {
            return loaded.join();
        } catch (CompletionException e) {
            throw new IOException("the process launcher could not be loaded: " + e.getCause(), e.getCause());
        }
    }
}
