package io.floe.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Runs the figures of docs/BENCHMARKS.md named on the command line ({@code 1} to {@code 9}, {@code spawn},
 * {@code ws}, {@code peer} for 13 when built with the profile {@code peer}), or figures 1 to 9; {@code jmh [JMH
 * options]} runs the JMH benchmarks of single calls instead.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        List<String> which = new ArrayList<>(List.of(args));
        if (which.isEmpty()) {
            which.addAll(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"));
        }
        Report r = new Report(System.out);
        r.note("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, max heap " + Runtime.getRuntime().maxMemory() / 1024 / 1024 + " MB");
        for (String figure : which) {
            switch (figure) {
                case "1" -> TriggerLatency.run(r, n(500));
                case "2" -> NodeCost.run(r, 5, n(5000), 50);
                case "3" -> ExecThroughput.run(r, 5, n(4000));
                case "4" -> ArchiveScaling.run(r, n(300));
                case "5" -> TwoHosts.run(r, n(200));
                case "6" -> Memory.run(r, 1000, List.of());
                case "7" -> RunList.run(r, 100_000, n(300));
                case "8" -> DiskBytes.run(r, n(100));
                case "9" -> Burst.run(r, 50, 5);
                case "spawn" -> spawn(r);
                case "3cpu" -> ExecThroughput.cpu(r, n(6000), 10);
                case "ws" -> WebSocketFanOut.run(r, n(5000), 5);
                case "hop" -> TriggerHop.run(r, n(6000));
                case "pg" -> PostgresCluster.run(r, n(200), n(300), 3);
                case "pgscale" -> PostgresCluster.scale(r, n(100), n(600), hosts());
                case "14", "durable" -> DurableUnderLoad.run(r, Integer.getInteger("floe.bench.rounds", 6), n(3000),
                        Arrays.stream(System.getProperty("floe.bench.clients", "1,8").split(","))
                                .mapToInt(c -> Integer.parseInt(c.trim())).toArray());
                case "14b", "open" -> DurableUnderLoad.openLoop(r, Integer.getInteger("floe.bench.rounds", 4),
                        n(3000), Integer.getInteger("floe.bench.clients", 32), 0.5, 0.8, 0.9);
                case "13", "peer" -> peer(r, Integer.getInteger("floe.bench.rounds", 5), n(3000));
                default -> throw new IllegalArgumentException("no figure " + figure
                        + ": use 1 to 9, 13 (peer), 14 (durable), 14b (open), spawn, ws, hop, pg or jmh");
            }
        }
    }

    /** The cluster sizes of {@code pgscale}: {@code -Dfloe.bench.hosts=3,10,30} (the default). */
    private static List<Integer> hosts() {
        return Arrays.stream(System.getProperty("floe.bench.hosts", "3,10,30").split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
    }

    /** {@code count} scaled by {@code -Dfloe.bench.scale} (e.g. 0.1 for a quick check that everything runs). */
    private static int n(int count) {
        return Math.max(5, (int) (count * Double.parseDouble(System.getProperty("floe.bench.scale", "1"))));
    }

    /**
     * Figure 13, floe beside Flowable: its code and Flowable are in the jar only when built with the profile
     * {@code peer}, so it is found by name rather than compiled against.
     */
    private static void peer(Report r, int rounds, long millis) throws Exception {
        Class<?> figure;
        try {
            figure = Class.forName("io.floe.bench.PeerFigure");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("figure 13 (floe beside Flowable) is not in this jar: build it with the"
                    + " profile peer, mvn -B -q -Ppeer -pl floe-bench -am package -DskipTests", e);
        }
        try {
            figure.getMethod("run", Report.class, int.class, long.class).invoke(null, r, rounds, millis);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static void spawn(Report r) throws Exception {
        r.figure("process start rates in this JVM");
        var spawn = ExecThroughput.posixSpawn();
        for (int threads : new int[] {1, 2, 4, 8}) {
            r.line("ProcessBuilder, " + threads + " threads", String.format("%.0f/s",
                    SpawnRate.measure(SpawnRate::processBuilder, threads, 3000)));
            r.line("posix_spawnp, " + threads + " threads", String.format("%.0f/s",
                    SpawnRate.measure(() -> SpawnRate.launcher(spawn), threads, 3000)));
        }
    }
}
