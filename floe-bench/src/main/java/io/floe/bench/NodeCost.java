package io.floe.bench;

import io.floe.engine.Floe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Figure 2: the engine's cost per node, with a task type that does nothing ({@link NoopTask}): routing, the node's
 * start and end recorded durably in the local store, the events published. Runs of a chain of 20 no-op tasks, many at
 * once, for a fixed time.
 */
public final class NodeCost {
    static final int CHAIN = 20;

    private NodeCost() {}

    static String flow() {
        StringBuilder y = new StringBuilder("""
                common: {store-type: local}
                flows:
                  - id: chain
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                """);
        String listen = "trigger.good";
        for (int i = 1; i <= CHAIN; i++) {
            y.append("      - {name: n").append(i).append(", listen: ").append(listen).append(", type: noop}\n");
            listen = "task.n" + i + ".good";
        }
        y.append("      - {name: done, listen: ").append(listen).append(", type: end}\n");
        return y.toString();
    }

    public static void run(Report r, int rounds, long millis, int atOnce) throws Exception {
        r.figure("2. Engine cost per node (no-op tasks, local store)");
        Path root = Engines.tempDir("nodes");
        try (Floe floe = Engines.start(flow(), root, null, null); Engines.Watch w = new Engines.Watch(floe)) {
            drive(floe, w, 2000, atOnce); // warm-up
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                rates.add(drive(floe, w, millis, atOnce) * CHAIN);
            }
            r.line("node transitions per second (" + atOnce + " runs at once, chains of " + CHAIN + ")",
                    Stats.of(rates).brief("/s", 0));
        } finally {
            Engines.delete(root);
        }
    }

    /** Runs ended per second while {@code atOnce} runs are kept going for {@code millis}. */
    static double drive(Floe floe, Engines.Watch w, long millis, int atOnce) throws Exception {
        Semaphore slots = new Semaphore(atOnce);
        List<String> runs = new ArrayList<>();
        long t0 = System.nanoTime();
        long until = t0 + millis * 1_000_000;
        while (System.nanoTime() < until) {
            if (slots.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                String run = Engines.trigger(floe, floe.config().flows().get(0).id(), "go");
                runs.add(run);
                w.end(run).thenRun(slots::release);
            }
        }
        for (String run : runs) {
            w.end(run).join();
        }
        return runs.size() / ((System.nanoTime() - t0) / 1e9);
    }
}
