package io.floe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time of processes from {@code /proc/<pid>/stat} (Linux), for figures that say where a machine's time went. */
final class ProcessCpu {
    /** Clock ticks per second of {@code /proc} times: 100 on every Linux this runs on. */
    private static final double TICK_MS = 10.0;

    private ProcessCpu() {}

    /** CPU milliseconds of this JVM with its ended children (the task processes it started and waited for). */
    static double self() throws IOException {
        return ofTree(ProcessHandle.current().pid(), false);
    }

    /**
     * CPU milliseconds of a server process, its ended children and its live children (e.g. a PostgreSQL postmaster
     * and its backends).
     */
    static double server(long pid) throws IOException {
        return ofTree(pid, true);
    }

    private static double ofTree(long pid, boolean liveChildren) throws IOException {
        long[] t = ticks(pid);
        double ms = (t[0] + t[1] + t[2] + t[3]) * TICK_MS;
        if (liveChildren) {
            List<ProcessHandle> children = ProcessHandle.of(pid).map(p -> p.children().toList()).orElse(List.of());
            for (ProcessHandle child : children) {
                try {
                    long[] c = ticks(child.pid());
                    ms += (c[0] + c[1]) * TICK_MS;
                } catch (IOException e) {
                    // ended meanwhile: counted in the parent's children's time
                }
            }
        }
        return ms;
    }

    /** utime, stime, cutime, cstime in clock ticks. */
    private static long[] ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
            Long.parseLong(f[14])};
    }
}
