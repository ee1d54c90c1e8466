package io.floe.bench.jmh;

import io.floe.bench.NativeSpawn;
import io.floe.bench.SpawnRate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** One start of {@code /bin/true}, waited for: the JVM's ProcessBuilder against C's posix_spawnp (jnr-posix). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpawnBenchmark {
    @Benchmark
    public void processBuilder() throws Exception {
        SpawnRate.processBuilder();
    }

    @Benchmark
    public int posixSpawnp() {
        return NativeSpawn.run(List.of("/bin/true"));
    }
}
