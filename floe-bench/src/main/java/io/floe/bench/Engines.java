package io.floe.bench;

import io.floe.engine.Floe;
import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.event.Subscription;
import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Hosts for the engine-level figures: a {@link Floe} with the benchmark's no-op task type, on a local store. */
public final class Engines {
    private Engines() {}

    public static NodeTypes types() {
        return NodeTypes.discover().with(new NoopTask());
    }

    public static FloeConfig config(String yaml) {
        try {
            return ConfigLoader.parse(yaml, "bench.yml", null, types());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Starts host h1 on {@code yaml} under {@code root}; with {@code store} null the config's store is opened. */
    public static Floe start(String yaml, Path root, ProcessLauncher launcher, RunStore store) {
        Floe.Builder b = Floe.builder(config(yaml)).hostId("h1").types(types()).workspaceRoot(root)
                .launcher(launcher == null ? new LocalProcessLauncher() : launcher).scheduleTriggers(false);
        if (store != null) {
            b.store(store);
        }
        Floe f = b.build();
        f.start();
        return f;
    }

    /** Writes {@code yaml} as {@code <dir>/floe.yml}, the config file a standalone host is started with. */
    public static Path configFile(Path dir, String yaml) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("floe.yml"), yaml);
    }

    /**
     * A new folder for a host's store and workspaces, under {@code ~/.floe-bench} (beside where a host keeps them by
     * default, {@code ~/.floe}) or under {@code -Dfloe.bench.tmp=DIR}. Not {@code /tmp} by default: on the machine of
     * docs/BENCHMARKS.md, other sessions' test suites churn through files there, and creating one took 20 times longer.
     */
    public static Path tempDir(String name) throws IOException {
        Path parent = Path.of(System.getProperty("floe.bench.tmp", System.getProperty("user.home") + "/.floe-bench"));
        Files.createDirectories(parent);
        return Files.createTempDirectory(parent, name);
    }

    public static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** When things happened to each run, in {@link System#nanoTime()}: its first task start, first output, end. */
    public static final class Watch implements AutoCloseable {
        private final Map<String, CompletableFuture<Long>> starts = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Long>> outputs = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Long>> ends = new ConcurrentHashMap<>();
        private final Subscription subscription;

        public Watch(Floe floe) {
            subscription = floe.observe(e -> {
                long now = System.nanoTime();
                if (e.runRef().run().id() == 0) {
                    return;
                }
                String run = e.runRef().run().toString();
                switch (e.tag()) {
                    case "sys.node.start" -> future(starts, run).complete(now);
                    case "sys.end.all" -> future(ends, run).complete(now);
                    case "sys.node.update" -> {
                        if ("x".equals(e.opts().get("update"))) {
                            future(outputs, run).complete(now);
                        }
                    }
                    default -> { }
                }
            });
        }

        public CompletableFuture<Long> firstStart(String run) {
            return future(starts, run);
        }

        /** When the first task printed the line {@code x}. */
        public CompletableFuture<Long> firstOutput(String run) {
            return future(outputs, run);
        }

        public CompletableFuture<Long> end(String run) {
            return future(ends, run);
        }

        private static CompletableFuture<Long> future(Map<String, CompletableFuture<Long>> m, String run) {
            return m.computeIfAbsent(run, k -> new CompletableFuture<>());
        }

        @Override
        public void close() {
            subscription.close();
        }
    }

    /** Triggers {@code trigger} of {@code flow} and returns the run's id once adopted. */
    public static String trigger(Floe floe, String flow, String trigger) {
        return floe.trigger(flow, trigger, Map.of()).join().pends().get(0).id().toString();
    }
}
