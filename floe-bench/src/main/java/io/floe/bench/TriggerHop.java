package io.floe.bench;

import io.floe.engine.Floe;
import io.floe.engine.TriggerCall;
import io.floe.engine.store.local.MemoryRunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure "hop": what the task-thread hop of a trigger costs. A flow without a flow-file is handed to the hub on the
 * caller's thread; one with a flow-file (here a resolver that reads nothing) goes through a task thread first, as
 * every trigger did before. Trigger to adopted pend, memory store, both flows on one host, alternated per round so
 * the machine's load falls on both alike: compare the two lines, not the absolute figures.
 */
public final class TriggerHop {
    static final String FLOW = """
            flows:
              - id: direct
                ver: 1
                triggers: [{name: go, type: data}]
                tasks: [{name: end, listen: trigger.good, type: end}]
              - id: hop
                ver: 1
                flow-file: bench/FLOE.yaml
                triggers: [{name: go, type: data}]
                tasks: [{name: end, listen: trigger.good, type: end}]
            """;

    private TriggerHop() {}

    public static void run(Report r, int samples) throws Exception {
        r.figure("hop. Trigger to adopted pend: on the caller's thread, or through a task thread (a flow-file)");
        Path root = Engines.tempDir("hop");
        try (MemoryRunStore store = new MemoryRunStore();
                Floe floe = Floe.builder(Engines.config(FLOW)).hostId("h1").types(Engines.types()).workspaceRoot(root)
                        .store(store).scheduleTriggers(false).flowFiles((flow, opts) -> flow).build()) {
            floe.start();
            Map<String, List<Double>> took = Map.of("direct", new ArrayList<>(), "hop", new ArrayList<>());
            int rounds = 6;
            for (int round = 0; round <= rounds; round++) {
                for (String flow : round % 2 == 0 ? List.of("direct", "hop") : List.of("hop", "direct")) {
                    for (int i = 0; i < samples / rounds; i++) {
                        long t0 = System.nanoTime();
                        floe.trigger(TriggerCall.of(flow, "go", Map.of())).join();
                        if (round > 0) { // the first round warms up
                            took.get(flow).add((System.nanoTime() - t0) / 1e3);
                        }
                    }
                    while (floe.activeCount() + floe.pendingCount() > 0) { // the runs end before the next round
                        Thread.onSpinWait();
                    }
                }
            }
            for (String flow : List.of("direct", "hop")) {
                Stats s = Stats.of(took.get(flow));
                r.line(flow.equals("direct") ? "no flow-file: adopted from the caller's thread"
                        : "flow-file: through a task thread", s.brief("us", 1) + String.format("; p95 %.1f us",
                        s.p95()));
            }
        } finally {
            Engines.delete(root);
        }
    }
}
