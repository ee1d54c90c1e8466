package io.floe.bench;

import io.floe.engine.Floe;
import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.node.PosixSpawnLauncher;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Figure 3: {@code exec} tasks running {@code true}, against the rate at which this same JVM starts {@code /bin/true}
 * without floe, measured in alternating rounds of one run: floe with each of the engine's launchers (ProcessBuilder,
 * C's posix_spawnp through jnr-ffi), each against both raw rates (ProcessBuilder, the posix_spawn launcher called
 * directly).
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

    /**
     * How many runs floe is given at once (of 5 tasks each): the best of these counts, as the raw rates are the best of
     * 2, 4 and 8 threads. With 10 runs the tasks often all wait for the disk (a task's log, then the commit of its
     * end); 40 hide that wait.
     */
    static final int[] RUNS_AT_ONCE = {10, 40};

    private ExecThroughput() {}

    /** The engine's posix_spawn launcher; the benchmark needs it, so its absence is an error here. */
    static PosixSpawnLauncher posixSpawn() {
        return PosixSpawnLauncher.load(LocalProcessLauncher.DEFAULT_KILL_GRACE).orElseThrow(() ->
                new IllegalStateException("the posix_spawn launcher does not load on this machine (Linux, glibc"
                        + " 2.34+ and jnr-ffi needed)"));
    }

    public static void run(Report r, int rounds, long millis) throws Exception {
        r.figure("3. exec throughput (true) against the raw process start rate");
        PosixSpawnLauncher spawn = posixSpawn();
        SpawnRate.Spawn rawNative = () -> SpawnRate.launcher(spawn);
        warmUp(r, spawn, RUNS_AT_ONCE[RUNS_AT_ONCE.length - 1]);
        measure(r, "ProcessBuilder", new LocalProcessLauncher(), rawNative, rounds, millis, FLOW,
                LocalRunStore.Durability.POWER_LOSS, LocalRunStore.LogSync.HANDED_TO_OS);
        measure(r, "posix_spawn", spawn, rawNative, rounds, millis, FLOW, LocalRunStore.Durability.POWER_LOSS,
                LocalRunStore.LogSync.HANDED_TO_OS);
        // where the time goes: the same with a store that does not wait for the disk, with every log forced as
        // before issue 21, with the task guard that keeps no task over a planned restart, and with no guard at all
        measure(r, "posix_spawn, store PROCESS_CRASH", spawn, rawNative, rounds, millis, FLOW,
                LocalRunStore.Durability.PROCESS_CRASH, LocalRunStore.LogSync.HANDED_TO_OS);
        measure(r, "posix_spawn, log-sync", spawn, rawNative, rounds, millis, FLOW,
                LocalRunStore.Durability.POWER_LOSS, LocalRunStore.LogSync.FORCED);
        measure(r, "posix_spawn, task-grace 0", spawn, rawNative, rounds, millis, NO_GRACE,
                LocalRunStore.Durability.POWER_LOSS, LocalRunStore.LogSync.HANDED_TO_OS);
        measure(r, "posix_spawn, no task guard", new Unguarded(spawn), rawNative, rounds, millis, FLOW,
                LocalRunStore.Durability.POWER_LOSS, LocalRunStore.LogSync.HANDED_TO_OS);
    }

    /** The flow on a host whose task guard keeps no task over a planned restart (no output kept for detaching). */
    static final String NO_GRACE = FLOW.replace("common: {store-type: local}",
            "common: {store-type: local, task-grace: 0}");

    /** A launcher the host cannot guard (as a Jenkins agent's): what the task guard costs, by its absence. */
    private record Unguarded(ProcessLauncher launcher) implements ProcessLauncher {
        @Override
        public io.floe.engine.spi.LaunchedProcess start(io.floe.engine.spi.ProcessSpec spec)
                throws java.io.IOException {
            return launcher.start(spec);
        }

        @Override
        public String toString() {
            return launcher + ", unguarded";
        }
    }

    /**
     * Runs floe's exec tasks and raw starts until the JIT has compiled what they use ({@code floe.bench.warmup} ms in
     * all, 30 s unless set): on this 2-CPU machine C2 takes a quarter to half of the CPU for the first 25–30 s of a
     * run, which a 2 s warm-up left in the first rounds, counted against floe.
     */
    private static void warmUp(Report r, PosixSpawnLauncher spawn, int runsAtOnce) throws Exception {
        long total = Long.getLong("floe.bench.warmup", 30_000);
        long t0 = System.nanoTime();
        Path root = Engines.tempDir("exec-warm-up");
        LocalRunStore store = LocalRunStore.open(root, LocalRunStore.Durability.POWER_LOSS);
        try (store; Floe floe = Engines.start(FLOW, root, spawn, store); Engines.Watch w = new Engines.Watch(floe)) {
            while ((System.nanoTime() - t0) / 1_000_000 < total) {
                NodeCost.drive(floe, w, 2000, runsAtOnce);
                best(SpawnRate::processBuilder, 600);
                best(() -> SpawnRate.launcher(spawn), 600);
            }
        } finally {
            Engines.delete(root);
        }
        r.line("warm-up (floe exec and raw starts, before the rounds)", (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    /**
     * Where an exec task's CPU time goes: floe's exec tasks for {@code millis}, then raw starts of /bin/true on 4
     * threads for as long, each with the JVM's and its children's CPU time per process and per thread group.
     * {@code -Dfloe.bench.launcher=posix-spawn} measures floe with the posix_spawn launcher.
     */
    public static void cpu(Report r, long millis, int runsAtOnce) throws Exception {
        r.figure("3cpu. CPU time per exec task and per raw process start");
        boolean nativeSpawn = "posix-spawn".equals(System.getProperty("floe.bench.launcher"));
        ProcessLauncher launcher = nativeSpawn ? posixSpawn() : new LocalProcessLauncher();
        Path root = Engines.tempDir("exec");
        LocalRunStore store = LocalRunStore.open(root, LocalRunStore.Durability.POWER_LOSS);
        try (store; Floe floe = Engines.start(FLOW, root, launcher, store);
                Engines.Watch w = new Engines.Watch(floe)) {
            NodeCost.drive(floe, w, Long.getLong("floe.bench.warmup", 30_000), runsAtOnce); // until the JIT is done
            CpuCost c = CpuCost.start();
            double runsPerSecond = NodeCost.drive(floe, w, millis, runsAtOnce);
            c.report(r, "floe exec (" + launcher + ")", Math.round(runsPerSecond * millis / 1000 * 5));
        } finally {
            Engines.delete(root);
        }
        SpawnRate.measure(SpawnRate::processBuilder, 4, 1000);
        CpuCost c = CpuCost.start();
        double rate = SpawnRate.measure(SpawnRate::processBuilder, 4, millis);
        c.report(r, "raw ProcessBuilder", Math.round(rate * millis / 1000));
    }

    private static void measure(Report r, String name, ProcessLauncher launcher, SpawnRate.Spawn rawNative,
            int rounds, long millis, String flow, LocalRunStore.Durability durability, LocalRunStore.LogSync logSync)
            throws Exception {
        Path root = Engines.tempDir("exec");
        LocalRunStore store = LocalRunStore.open(root, durability, logSync);
        List<Double> floeRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        List<Double> nativeRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> nativeRatios = new ArrayList<>();
        int[] wins = new int[RUNS_AT_ONCE.length];
        try (store; Floe floe = Engines.start(flow, root, launcher, store); Engines.Watch w = new Engines.Watch(floe)) {
            NodeCost.drive(floe, w, 2000, RUNS_AT_ONCE[0]); // this store's warm-up; the JIT's is done
            for (int i = 0; i < rounds; i++) {
                double tasks = 0;
                int winner = 0;
                for (int k = 0; k < RUNS_AT_ONCE.length; k++) {
                    double t = NodeCost.drive(floe, w, millis / RUNS_AT_ONCE.length, RUNS_AT_ONCE[k]) * 5;
                    if (t > tasks) {
                        tasks = t;
                        winner = k;
                    }
                }
                wins[winner]++;
                double raw = best(SpawnRate::processBuilder, millis);
                double rawN = best(rawNative, millis);
                floeRates.add(tasks);
                rawRates.add(raw);
                nativeRates.add(rawN);
                ratios.add(tasks / raw);
                nativeRatios.add(tasks / rawN);
            }
        } finally {
            Engines.delete(root);
        }
        StringBuilder best = new StringBuilder();
        for (int k = 0; k < RUNS_AT_ONCE.length; k++) {
            best.append(k == 0 ? "" : ", ").append(RUNS_AT_ONCE[k]).append(" runs: ").append(wins[k]);
        }
        r.line(name + ": exec tasks per second through floe (best of " + Arrays.toString(RUNS_AT_ONCE)
                + " runs of 5 at once; rounds won by " + best + ")", Stats.of(floeRates).brief("/s", 0));
        r.line(name + ": raw ProcessBuilder starts of /bin/true per second (best of 2, 4, 8 threads)",
                Stats.of(rawRates).brief("/s", 0));
        r.line(name + ": raw posix_spawn starts of /bin/true per second (best of 2, 4, 8 threads)",
                Stats.of(nativeRates).brief("/s", 0));
        r.line(name + ": floe / raw ProcessBuilder, per round", Stats.of(ratios).brief("", 2));
        r.line(name + ": floe / raw posix_spawn, per round", Stats.of(nativeRatios).brief("", 2));
    }

    /** The best rate of 2, 4 and 8 threads, each for a sixth of {@code millis} (both raw rates take a third). */
    private static double best(SpawnRate.Spawn spawn, long millis) throws Exception {
        double best = 0;
        for (int threads : new int[] {2, 4, 8}) {
            best = Math.max(best, SpawnRate.measure(spawn, threads, millis / 6));
        }
        return best;
    }
}
