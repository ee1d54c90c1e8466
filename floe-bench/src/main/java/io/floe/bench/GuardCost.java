package io.floe.bench;

import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.node.PosixSpawnLauncher;
import io.floe.engine.node.TaskGuard;
import io.floe.engine.spi.ProcessLauncher;
import java.time.Duration;

/**
 * What the task guard (issue 16) costs per process start: {@code /bin/true} started and waited for, per second, with
 * and without the guard, and with the guard that can keep tasks over a planned restart (a grace period: the guard
 * process also keeps each task's output until it ends), for both launchers.
 * Run: {@code java -cp … io.floe.bench.GuardCost [seconds] [threads]}.
 */
public final class GuardCost {
    private GuardCost() {}

    public static void main(String[] args) throws Exception {
        long millis = (args.length > 0 ? Long.parseLong(args[0]) : 5) * 1000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        java.nio.file.Path ledger = java.nio.file.Files.createTempDirectory("floe-bench-ledger");
        try (TaskGuard guard = TaskGuard.find(Duration.ofSeconds(10), null, "bench").orElseThrow();
                TaskGuard durable = TaskGuard.find(Duration.ofSeconds(10), Duration.ofMinutes(10), ledger, "bench")
                        .orElseThrow()) {
            ProcessLauncher spawn = PosixSpawnLauncher.load(Duration.ofSeconds(3)).orElseThrow();
            ProcessLauncher builder = new LocalProcessLauncher();
            report("posix_spawn", spawn, millis, threads);
            report("posix_spawn + guard", spawn.guardedBy(guard), millis, threads);
            report("posix_spawn + grace", spawn.guardedBy(durable), millis, threads);
            report("ProcessBuilder", builder, millis, threads);
            report("ProcessBuilder + guard", builder.guardedBy(guard), millis, threads);
            report("ProcessBuilder + grace", builder.guardedBy(durable), millis, threads);
        }
    }

    /**
     * The CPU time (own and reaped children's) of the descendants that still run: the guard process, which outlives
     * the measurement and reaps the tasks it starts.
     */
    private static long liveDescendantTicks() {
        return ProcessHandle.current().descendants().mapToLong(h -> {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(h.pid()),
                        "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (java.io.IOException | RuntimeException e) {
                return 0; // ended meanwhile
            }
        }).sum();
    }

    /**
     * The rate, and the CPU time per start of this JVM and of the processes it reaped (the program; a watcher that
     * outlives its parent is reaped by init and not counted), and of the guard process (with the tasks it reaped): on a
     * loaded machine the rate follows the load, the CPU time much less.
     */
    private static void report(String name, ProcessLauncher l, long millis, int threads) throws Exception {
        long[] before = CpuCost.ticksNow();
        long liveBefore = liveDescendantTicks();
        double rate = SpawnRate.measure(() -> SpawnRate.launcher(l), threads, millis);
        long[] after = CpuCost.ticksNow();
        after[2] += liveDescendantTicks() - liveBefore;
        double starts = rate * millis / 1000;
        double self = (after[0] + after[1] - before[0] - before[1]) * 10 / starts;
        double children = (after[2] + after[3] - before[2] - before[3]) * 10 / starts;
        System.out.printf("%-24s %8.1f starts/s  %6.2f ms each (%d threads); CPU per start: JVM %.2f ms,"
                + " its children %.2f ms%n", name, rate, 1000 * threads / rate, threads, self, children);
    }
}
