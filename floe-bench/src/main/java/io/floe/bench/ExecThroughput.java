package io.floe.bench;

import io.floe.engine.Floe;
import io.floe.engine.node.ProcessLauncher;
import io.floe.engine.run.LocalRunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 3: {@code exec} tasks running {@code true}, against the rate at which this same JVM starts {@code /bin/true}
 * without floe, measured in alternating rounds of one run: with ProcessBuilder (floe's launcher), and with C's
 * posix_spawnp through jnr-posix ({@link PosixSpawnLauncher}).
 */
public final class ExecThroughput {
    static final String FLOW = """
            common: {store-type: local}
            flows:
              - id: five
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: t1, listen: trigger.good, type: exec, opts: {cmd: "true"}}
                  - {name: t2, listen: trigger.good, type: exec, opts: {cmd: "true"}}
                  - {name: t3, listen: trigger.good, type: exec, opts: {cmd: "true"}}
                  - {name: t4, listen: trigger.good, type: exec, opts: {cmd: "true"}}
                  - {name: t5, listen: trigger.good, type: exec, opts: {cmd: "true"}}
                  - {name: all, class: merge, type: all, wait: [task.t1.good, task.t2.good, task.t3.good, task.t4.good, task.t5.good]}
                  - {name: done, listen: merge.all.good, type: end}
            """;

    private ExecThroughput() {}

    public static void run(Report r, int rounds, long millis, int runsAtOnce) throws Exception {
        r.figure("3. exec throughput (true) against the raw process start rate");
        measure(r, "ProcessBuilder", null, SpawnRate::processBuilder, rounds, millis, runsAtOnce,
                LocalRunStore.Durability.POWER_LOSS);
        measure(r, "posix_spawnp (jnr-posix)", new PosixSpawnLauncher(),
                () -> NativeSpawn.run(List.of("/usr/bin/env", "-C", "/tmp", "/bin/true")), rounds, millis, runsAtOnce,
                LocalRunStore.Durability.POWER_LOSS);
        // where the time goes: the same with a store that does not wait for the disk
        measure(r, "ProcessBuilder, store PROCESS_CRASH", null, SpawnRate::processBuilder, rounds, millis, runsAtOnce,
                LocalRunStore.Durability.PROCESS_CRASH);
    }

    private static void measure(Report r, String name, ProcessLauncher launcher, SpawnRate.Spawn raw, int rounds,
            long millis, int runsAtOnce, LocalRunStore.Durability durability) throws Exception {
        Path root = Engines.tempDir("exec");
        LocalRunStore store = LocalRunStore.open(root, durability);
        List<Double> floeRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (store; Floe floe = Engines.start(FLOW, root, launcher, store); Engines.Watch w = new Engines.Watch(floe)) {
            NodeCost.drive(floe, w, 2000, runsAtOnce); // warm-up
            for (int i = 0; i < rounds; i++) {
                double tasks = NodeCost.drive(floe, w, millis, runsAtOnce) * 5;
                double best = 0;
                for (int threads : new int[] {2, 4, 8}) {
                    best = Math.max(best, SpawnRate.measure(raw, threads, millis / 3));
                }
                floeRates.add(tasks);
                rawRates.add(best);
                ratios.add(tasks / best);
            }
        } finally {
            Engines.delete(root);
        }
        r.line(name + ": exec tasks per second through floe (" + runsAtOnce + " runs of 5 at once)",
                Stats.of(floeRates).brief("/s", 0));
        r.line(name + ": raw starts of /bin/true per second (best of 2, 4, 8 threads)",
                Stats.of(rawRates).brief("/s", 0));
        r.line(name + ": floe / raw, per round", Stats.of(ratios).brief("", 2));
    }
}
