package io.floe.bench.jmh;

import io.floe.bench.ArchiveScaling;
import io.floe.bench.Engines;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** One commit of the local store holding one node's change: the cost of a durable state change. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CommitBenchmark {
    @Param({"POWER_LOSS", "PROCESS_CRASH"})
    public String durability;

    private Path root;
    private LocalRunStore store;
    private HostedRef run;
    private NodeRecord node;
    private long n;

    @Setup(Level.Trial)
    public void open() throws Exception {
        root = Engines.tempDir("commit");
        store = LocalRunStore.open(root, LocalRunStore.Durability.valueOf(durability));
        FlowConfig flow = Engines.config(ArchiveScaling.FLOW).flows().get(0);
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        RunRecord rec = new RunRecord(new RunRef(new FlowRef(flow.id(), flow.ver()), new HostedRef("h1", 1), ""),
                flow, new NodeRef("trigger", "go"), Map.of(), RunStatus.PENDING, t, null, null, false, "")
                .activated("h1", t);
        store.commit(new StoreBatch().counter(1).run(rec));
        run = rec.id();
        node = NodeRecord.startedTask("work", t);
    }

    @Benchmark
    public void commitOneNode() {
        store.commit(new StoreBatch().node(run, node.withLogLines(n++)));
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        store.close();
        Engines.delete(root);
    }
}
