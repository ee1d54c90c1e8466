package io.floe.bench;

import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** How many processes per second a way of starting them achieves, started and waited for by {@code threads} threads. */
public final class SpawnRate {
    /** Starts one process and waits for it to end. */
    @FunctionalInterface
    public interface Spawn {
        void run() throws Exception;
    }

    private SpawnRate() {}

    /** Processes per second over {@code millis}, after a short warm-up. */
    public static double measure(Spawn spawn, int threads, long millis) throws Exception {
        for (int i = 0; i < 20; i++) {
            spawn.run();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean going = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        List<Future<?>> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            workers.add(pool.submit(() -> {
                while (going.get()) {
                    spawn.run();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        Thread.sleep(millis);
        going.set(false);
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return done.get() / seconds;
    }

    /** {@code /bin/true} in {@code /tmp} through one of the engine's launchers, output read to its end. */
    public static void launcher(ProcessLauncher launcher) throws Exception {
        LaunchedProcess p = launcher.start(new ProcessSpec(List.of("/bin/true"), TMP, PATH));
        p.output().readAllBytes();
        p.waitFor();
    }

    private static final Path TMP = Path.of("/tmp");
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/bin:/bin");

    /** {@code /bin/true} through {@link ProcessBuilder}, output discarded, as the JVM does it by default. */
    public static void processBuilder() throws Exception {
        Process p = new ProcessBuilder("/bin/true").redirectErrorStream(true).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        p.waitFor();
    }
}
