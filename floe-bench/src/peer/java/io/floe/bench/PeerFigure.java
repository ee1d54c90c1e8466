package io.floe.bench;

import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.node.PosixSpawnLauncher;
import io.floe.engine.store.local.LocalRunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 13: floe beside a peer, Flowable (an embedded BPMN engine) on H2, on the same shape ({@link PeerShape}):
 * closed-loop clients (1 and 8), no-op and {@code /bin/true} tasks, in rounds that alternate the engines in this one
 * JVM, with the raw start rates of both engines' ways of starting a process measured in the same rounds. Built only
 * with the profile {@code peer} of floe-bench; {@link Main} finds it by name.
 */
public final class PeerFigure {
    static final int[] CLIENTS = {1, 8};
    /** The suffix of a series' CPU time per run beside its rate. */
    private static final String CPU = ", CPU ms per run";

    /** One side of the comparison, named for the report with what its store survives. */
    private record Side(String name, PeerShape shape) {}

    /** A series of per-round rates, by the line of the report they belong to. */
    private static final class Series {
        final Map<String, List<Double>> byLine = new LinkedHashMap<>();

        void add(String line, double value) {
            byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(value);
        }

        List<Double> get(String line) {
            return byLine.get(line);
        }
    }

    private PeerFigure() {}

    public static void run(Report r, int rounds, long millis) throws Exception {
        r.figure("13. floe beside Flowable " + flowableVersion() + " on H2, same shape (start, 3 parallel tasks, join,"
                + " end), closed-loop clients, alternating rounds in one JVM");
        PosixSpawnLauncher spawn = ExecThroughput.posixSpawn();
        List<Double> loads = new ArrayList<>();
        Series s = new Series();
        try (FloePeerSide durable = new FloePeerSide(LocalRunStore.Durability.POWER_LOSS, spawn);
                FloePeerSide noSync = new FloePeerSide(LocalRunStore.Durability.PROCESS_CRASH, spawn);
                FlowablePeerSide peer = new FlowablePeerSide(CLIENTS[CLIENTS.length - 1] * 2)) {
            List<Side> sides = List.of(
                    new Side("floe, store POWER_LOSS (forced before told)", durable),
                    new Side("floe, store PROCESS_CRASH (no fsync)", noSync),
                    new Side("Flowable, H2 file", peer));
            warmUp(r, sides, spawn, Long.getLong("floe.bench.warmup", 20_000));
            for (int round = 0; round < rounds; round++) {
                loads.add(load());
                for (PeerShape.Work work : PeerShape.Work.values()) {
                    for (int clients : CLIENTS) {
                        for (int k = 0; k < sides.size(); k++) {
                            Side side = sides.get((k + round) % sides.size()); // each side leads in turn
                            add(s, key(side.name, work, clients),
                                    ClosedLoop.measure(side.shape.run(work), clients, millis));
                        }
                    }
                }
                for (int threads : CLIENTS) {
                    add(s, rawKey("ProcessBuilder", threads),
                            ClosedLoop.measure(SpawnRate::processBuilder, threads, millis));
                    add(s, rawKey("posix_spawn", threads),
                            ClosedLoop.measure(() -> SpawnRate.launcher(spawn), threads, millis));
                }
                loads.add(load());
            }
            report(r, s, sides, rounds, millis, loads, peer.history());
        }
    }

    /** Every side and both launchers, each for a share of {@code millis}, until the JIT has compiled what they use. */
    private static void warmUp(Report r, List<Side> sides, PosixSpawnLauncher spawn, long millis) throws Exception {
        long share = Math.max(100, millis / (sides.size() * PeerShape.Work.values().length + 2));
        for (Side side : sides) {
            for (PeerShape.Work work : PeerShape.Work.values()) {
                ClosedLoop.measure(side.shape.run(work), CLIENTS[CLIENTS.length - 1], share);
            }
        }
        ClosedLoop.measure(SpawnRate::processBuilder, CLIENTS[CLIENTS.length - 1], share);
        ClosedLoop.measure(() -> SpawnRate.launcher(spawn), CLIENTS[CLIENTS.length - 1], share);
        r.line("warm-up (every side, both workloads, 8 clients; both launchers)", millis + " ms");
    }

    private static void report(Report r, Series s, List<Side> sides, int rounds, long millis, List<Double> loads,
            String history) {
        r.note("rounds: " + rounds + ", each side " + millis + " ms per workload and client count per round; load"
                + " average (1 min) at the rounds' starts and ends: " + String.format("%.2f–%.2f",
                        loads.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                        loads.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        r.note("durability: floe POWER_LOSS tells nothing of a commit before it is on the disk (one fdatasync for the"
                + " commits written meanwhile), task logs handed to the OS; floe"
                + " PROCESS_CRASH hands them to the OS at once (they survive a process kill); Flowable: H2 file"
                + " database with H2's defaults, history level " + history + ": H2 writes commits to its file from a"
                + " background thread and does not sync them (strace: no fsync before close)");
        r.note("floe's exec tasks start /bin/true with its posix_spawn launcher; Flowable's service task with"
                + " ProcessBuilder");
        Side peer = sides.get(sides.size() - 1);
        for (PeerShape.Work work : PeerShape.Work.values()) {
            for (int clients : CLIENTS) {
                for (Side side : sides) {
                    r.line(key(side.name, work, clients) + ", runs/s",
                            Stats.of(s.get(key(side.name, work, clients))).brief("/s", 0));
                    r.line(key(side.name, work, clients) + CPU + " (this JVM and its children)",
                            Stats.of(s.get(key(side.name, work, clients) + CPU)).brief("ms", 2));
                }
                for (Side side : sides.subList(0, sides.size() - 1)) {
                    r.line(work + ", " + clients(clients) + ": " + side.name + " / Flowable, per round",
                            Stats.of(ratios(s.get(key(side.name, work, clients)),
                                    s.get(key(peer.name, work, clients)))).brief("", 2));
                }
            }
        }
        for (int threads : CLIENTS) {
            for (String launcher : new String[] {"ProcessBuilder", "posix_spawn"}) {
                r.line(rawKey(launcher, threads), Stats.of(s.get(rawKey(launcher, threads))).brief("/s", 0));
                r.line(rawKey(launcher, threads) + ", CPU ms per start (this JVM and its children)",
                        Stats.of(s.get(rawKey(launcher, threads) + CPU)).brief("ms", 2));
            }
        }
        // each engine's exec tasks against its own launcher's raw rate at the same number of threads as clients
        for (int clients : CLIENTS) {
            for (Side side : sides) {
                String launcher = side == peer ? "ProcessBuilder" : "posix_spawn";
                List<Double> tasks = s.get(key(side.name, PeerShape.Work.EXEC, clients)).stream()
                        .map(runs -> runs * 3).toList();
                r.line("EXEC, " + clients(clients) + ": " + side.name + ", tasks/s / raw " + launcher + " on "
                        + threads(clients) + ", per round",
                        Stats.of(ratios(tasks, s.get(rawKey(launcher, clients)))).brief("", 2));
            }
        }
    }

    /** A round's rate under {@code line}, its CPU time per run under {@code line + CPU}. */
    private static void add(Series s, String line, ClosedLoop.Outcome o) {
        s.add(line, o.rate());
        s.add(line + CPU, o.cpuPerRun());
    }

    private static List<Double> ratios(List<Double> over, List<Double> under) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < over.size(); i++) {
            out.add(over.get(i) / under.get(i));
        }
        return out;
    }

    private static String key(String side, PeerShape.Work work, int clients) {
        return work + ", " + clients(clients) + ": " + side;
    }

    private static String rawKey(String launcher, int threads) {
        return "raw " + launcher + " starts of /bin/true, " + threads(threads) + ", per second";
    }

    private static String clients(int n) {
        return n + (n == 1 ? " client" : " clients");
    }

    private static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    /** The 1-minute load average, as {@code uptime} shows it. */
    private static double load() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static String flowableVersion() {
        return org.flowable.engine.ProcessEngine.VERSION;
    }
}
