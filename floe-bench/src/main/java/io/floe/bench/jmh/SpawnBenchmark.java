package io.floe.bench.jmh;

import io.floe.bench.SpawnRate;
import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.node.PosixSpawnLauncher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One start of {@code /bin/true}, waited for: the JVM's ProcessBuilder against the engine's posix_spawn launcher (C's
 * posix_spawnp through jnr-ffi).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SpawnBenchmark {
    private final PosixSpawnLauncher spawn = PosixSpawnLauncher.load(LocalProcessLauncher.DEFAULT_KILL_GRACE)
            .orElseThrow();

    @Benchmark
    public void processBuilder() throws Exception {
        SpawnRate.processBuilder();
    }

    @Benchmark
    public void posixSpawnp() throws Exception {
        SpawnRate.launcher(spawn);
    }
}
