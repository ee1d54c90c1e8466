package io.floe.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU time of this JVM goes while something runs: the process's own user and system time and its reaped
 * children's (from /proc/self/stat), and the JVM's threads' CPU time grouped by name (digits dropped, so
 * {@code floe-task-h1-17} counts as {@code floe-task-h}). Used to find what an exec task costs besides its process.
 */
public final class CpuCost {
    private static final double TICK_MS = 10; // USER_HZ is 100 on Linux
    private final long[] start;
    private final Map<Long, Long> threadStart = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long t0 = System.nanoTime();

    private CpuCost() throws IOException {
        start = ticks();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            threadStart.put(t.getId(), threads.getThreadCpuTime(t.getId()));
        }
    }

    /** Starts counting now. */
    public static CpuCost start() throws IOException {
        return new CpuCost();
    }

    /** The time since {@link #start}, per unit of work ({@code units} of them done), as report lines. */
    public void report(Report r, String what, long units) throws IOException {
        long[] now = ticks();
        double wall = (System.nanoTime() - t0) / 1e6;
        r.line(what + ": units", units + " in " + String.format("%.0f ms (%.0f/s)", wall, units / wall * 1000));
        String[] fields = {"user", "system", "children user", "children system"};
        for (int i = 0; i < 4; i++) {
            r.line(what + ": " + fields[i] + " CPU per unit", String.format("%.3f ms", (now[i] - start[i]) * TICK_MS
                    / units));
        }
        Map<String, Double> byGroup = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long cpu = threads.getThreadCpuTime(t.getId());
            if (cpu < 0) {
                continue;
            }
            long before = threadStart.getOrDefault(t.getId(), 0L);
            byGroup.merge(t.getName().replaceAll("[-0-9]+$", "").replaceAll("[0-9]+", ""),
                    (cpu - before) / 1e6, Double::sum);
        }
        byGroup.entrySet().stream().filter(e -> e.getValue() / units >= 0.005)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> r.line(what + ": thread " + e.getKey(), String.format("%.3f ms per unit",
                        e.getValue() / units)));
    }

    /** utime, stime, cutime, cstime of this process in clock ticks (10 ms). */
    static long[] ticksNow() throws IOException {
        return ticks();
    }

    /** utime, stime, cutime, cstime of this process in clock ticks. */
    private static long[] ticks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the name start at field 3 (state); utime is field 14
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
            Long.parseLong(f[14])};
    }
}
