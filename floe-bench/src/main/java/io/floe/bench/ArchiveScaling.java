package io.floe.bench;

import io.floe.engine.Floe;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 4: what ending a run costs as the archive grows: the latency of a whole one-task run (trigger, start, task
 * end, archive) with 1,000, 10,000 and 100,000 runs already archived in the local store.
 */
public final class ArchiveScaling {
    public static final String FLOW = """
            common: {store-type: local}
            flows:
              - id: quick
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: work, listen: trigger.good, type: noop}
                  - {name: done, listen: task.work.good, type: end}
            """;

    private ArchiveScaling() {}

    public static void run(Report r, int samples) throws Exception {
        r.figure("4. Ending a run with a growing archive (local store)");
        for (int archived : new int[] {1_000, 10_000, 100_000}) {
            Path root = Engines.tempDir("archive");
            try {
                fill(root, Engines.config(FLOW).flows().get(0), archived);
                try (Floe floe = Engines.start(FLOW, root, null, null); Engines.Watch w = new Engines.Watch(floe)) {
                    List<Double> ms = new ArrayList<>();
                    for (int i = 0; i < samples + samples / 5; i++) {
                        long t0 = System.nanoTime();
                        String run = Engines.trigger(floe, "quick", "go");
                        long end = w.end(run).join();
                        if (i >= samples / 5) {
                            ms.add((end - t0) / 1e6);
                        }
                    }
                    Stats s = Stats.of(ms);
                    r.line(String.format("%,d archived: a whole run, trigger → archived", archived),
                            s.brief("ms", 2) + String.format("; p95 %.2f ms", s.p95()));
                }
            } finally {
                Engines.delete(root);
            }
        }
    }

    /** Puts {@code count} archived runs of {@code flow} (each with one finished task) into the store under root. */
    public static void fill(Path root, FlowConfig flow, int count) {
        try (LocalRunStore store = LocalRunStore.open(root, LocalRunStore.Durability.PROCESS_CRASH)) {
            Instant t = Instant.parse("2024-01-01T00:00:00Z");
            StoreBatch b = new StoreBatch();
            for (int n = 1; n <= count; n++) {
                Instant at = t.plusSeconds(n);
                RunRef ref = new RunRef(new FlowRef(flow.id(), flow.ver()), new HostedRef("h1", n), "");
                RunRecord rec = new RunRecord(ref, flow, new NodeRef("trigger", "go"), Map.of(), RunStatus.PENDING,
                        at, null, null, false, "").activated("h1", at).archived(at.plusMillis(500), true,
                        "reached end node done");
                b.run(rec).node(rec.id(), NodeRecord.startedTask("work", at).finished(at.plusMillis(400), true, 0,
                        "", Map.of()));
                if (n % 1000 == 0 || n == count) {
                    b.counter(n);
                    store.commit(b);
                    b = new StoreBatch();
                }
            }
        }
    }
}
