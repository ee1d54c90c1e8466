package io.floe.bench;

import io.floe.engine.Floe;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Figure 14 (issue 21 §2): what durability costs under load. Runs of a trigger, three parallel no-op tasks, a merge
 * and an end, driven by closed-loop clients (each triggers, waits for its run's end, triggers again) on two hosts in
 * this JVM: one whose local store waits for the disk at every commit ({@code POWER_LOSS}, the default) and one whose
 * store does not ({@code PROCESS_CRASH}), in alternating rounds (the order swapped every round). The figure is the
 * ratio durable / non-syncing of each pair of rounds, beside the ceiling the disk's flush time puts on it ({@link
 * #ceiling}).
 */
public final class DurableUnderLoad {
    static final String FLOW = """
            common: {store-type: local}
            flows:
              - id: three
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: t1, listen: trigger.good, type: noop}
                  - {name: t2, listen: trigger.good, type: noop}
                  - {name: t3, listen: trigger.good, type: noop}
                  - {name: all, class: merge, type: all, wait: [task.t1.good, task.t2.good, task.t3.good]}
                  - {name: done, listen: merge.all.good, type: end}
            """;

    private DurableUnderLoad() {}

    /** {@code rounds} pairs of rounds of {@code millis} each, for each count of clients. */
    public static void run(Report r, int rounds, long millis, int... clientCounts) throws Exception {
        r.figure("14. Durability under load: runs of 3 parallel no-op tasks and a merge, POWER_LOSS against"
                + " PROCESS_CRASH");
        try (TwoHosts h = TwoHosts.warm()) {
            for (int n : clientCounts) {
                List<Double> durableRates = new ArrayList<>();
                List<Double> fastRates = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                List<Double> flushes = new ArrayList<>();
                List<Double> ceilings = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    double flush = DiskFlush.medianMillis(h.durableRoot, FLUSH_PROBES);
                    Both<Double> b = h.round(i, (floe, w) -> drive(h.clients, floe, w, n, millis));
                    durableRates.add(b.durable());
                    fastRates.add(b.fast());
                    ratios.add(b.durable() / b.fast());
                    flushes.add(flush);
                    ceilings.add(ceiling(n, b.fast(), flush));
                }
                r.line(n + " clients, POWER_LOSS (forced before told): runs/s", Stats.of(durableRates).brief("/s", 0));
                r.line(n + " clients, PROCESS_CRASH (no fsync): runs/s", Stats.of(fastRates).brief("/s", 0));
                r.line(n + " clients, durable / not syncing, per pair of rounds", Stats.of(ratios).brief("", 2));
                r.line(n + " clients, the disk: 1 KB written in place and forced, before each pair (ms)",
                        Stats.of(flushes).brief("ms", 3));
                r.line(n + " clients, ceiling of the ratio with two forces on each run's path, per pair",
                        Stats.of(ceilings).brief("", 2));
            }
        }
    }

    /** Writes and forces timed before each pair of rounds: about 0.1 s on a disk whose flush takes 0.5 ms. */
    private static final int FLUSH_PROBES = 200;

    /**
     * The best ratio durable / not syncing that {@code clients} closed-loop clients can reach when the disk takes
     * {@code flushMillis} to force a write: each client's run waits for two forces one after the other (its trigger is
     * answered, and its tasks start, once its adoption is on the disk; its end is told once the end is), so a run
     * takes at least its non-syncing time plus two flushes, however commits are grouped.
     */
    static double ceiling(int clients, double fastRate, double flushMillis) {
        double runMillis = clients * 1000.0 / fastRate;
        return runMillis / (runMillis + 2 * flushMillis);
    }

    /**
     * Figure 14b: the same two hosts under an open load, as triggers arrive in production: runs are triggered at a
     * fixed rate whatever the answers do, at fractions of the non-syncing host's capacity (its closed-loop rate with
     * {@code capacityClients} clients, measured first). A host keeps up when the runs it ends per second match the
     * rate offered; what durability then costs is time per run (trigger to end, counted from the moment the trigger
     * was due, so a host that falls behind shows it).
     */
    public static void openLoop(Report r, int rounds, long millis, int capacityClients, double... fractions)
            throws Exception {
        r.figure("14b. Durability under an open load: runs of 3 parallel no-op tasks and a merge triggered at a fixed"
                + " rate, POWER_LOSS against PROCESS_CRASH");
        try (TwoHosts h = TwoHosts.warm()) {
            List<Double> capacities = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                capacities.add(drive(h.clients, h.fast, h.fw, capacityClients, millis));
            }
            double capacity = Stats.of(capacities).median();
            r.line("capacity: PROCESS_CRASH, " + capacityClients + " closed-loop clients, runs/s",
                    Stats.of(capacities).brief("/s", 0));
            for (double fraction : fractions) {
                double rate = capacity * fraction;
                List<Both<Open>> each = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    each.add(h.round(i, (floe, w) -> offer(floe, w, rate, millis)));
                }
                String at = String.format("%.0f runs/s offered (%.2f of capacity)", rate, fraction);
                lines(r, at + ", %s: ended / offered", each, o -> o.ended() / rate, "");
                lines(r, at + ", %s: median trigger-to-end", each, Open::p50, "ms");
                lines(r, at + ", %s: 99th percentile trigger-to-end", each, Open::p99, "ms");
            }
        }
    }

    /** The durable host's line and the non-syncing host's of one measure of each round ({@code %s}: which host). */
    private static void lines(Report r, String name, List<Both<Open>> rounds,
            java.util.function.ToDoubleFunction<Open> measure, String unit) {
        r.line(String.format(name, "POWER_LOSS"), Stats.of(rounds.stream()
                .map(b -> measure.applyAsDouble(b.durable())).toList()).brief(unit, 2));
        r.line(String.format(name, "PROCESS_CRASH"), Stats.of(rounds.stream()
                .map(b -> measure.applyAsDouble(b.fast())).toList()).brief(unit, 2));
    }

    /** What one round measured on each host. */
    record Both<T>(T durable, T fast) {}

    /** One side of a round: a measure taken on one host. */
    interface Side<T> {
        T on(Floe floe, Engines.Watch watch) throws Exception;
    }

    /**
     * One host whose local store forces every commit ({@code POWER_LOSS}, the default) and one whose store does not
     * ({@code PROCESS_CRASH}), in this JVM, warmed up together with 8 closed-loop clients each.
     */
    private static final class TwoHosts implements AutoCloseable {
        final ExecutorService clients = Executors.newCachedThreadPool();
        final Path durableRoot = Engines.tempDir("durable");
        final Path fastRoot = Engines.tempDir("not-syncing");
        final LocalRunStore durableStore = LocalRunStore.open(durableRoot, LocalRunStore.Durability.POWER_LOSS);
        final LocalRunStore fastStore = LocalRunStore.open(fastRoot, LocalRunStore.Durability.PROCESS_CRASH);
        final Floe durable = Engines.start(FLOW, durableRoot, null, durableStore);
        final Floe fast = Engines.start(FLOW, fastRoot, null, fastStore);
        final Engines.Watch dw = new Engines.Watch(durable);
        final Engines.Watch fw = new Engines.Watch(fast);

        private TwoHosts() throws Exception {}

        static TwoHosts warm() throws Exception {
            TwoHosts h = new TwoHosts();
            long warmUp = Long.getLong("floe.bench.warmup", 10_000);
            for (long t0 = System.nanoTime(); (System.nanoTime() - t0) / 1_000_000 < warmUp; ) {
                drive(h.clients, h.durable, h.dw, 8, 1000);
                drive(h.clients, h.fast, h.fw, 8, 1000);
            }
            return h;
        }

        /** Round {@code i} on both hosts, the durable one first in even rounds and second in odd ones. */
        <T> Both<T> round(int i, Side<T> side) throws Exception {
            if (i % 2 == 0) {
                T d = side.on(durable, dw);
                return new Both<>(d, side.on(fast, fw));
            }
            T f = side.on(fast, fw);
            return new Both<>(side.on(durable, dw), f);
        }

        @Override
        public void close() throws Exception {
            clients.shutdownNow();
            try (durableStore; fastStore; durable; fast; dw; fw) {
                // closed in reverse order: the watches, the hosts, then the stores
            } finally {
                Engines.delete(durableRoot);
                Engines.delete(fastRoot);
            }
        }
    }

    /** Runs ended per second (over the time the runs were offered) and the median and 99th percentile in ms. */
    record Open(double ended, double p50, double p99) {}

    /**
     * Triggers a run every {@code 1/rate} s for {@code millis}, not waiting for answers, then waits (up to a minute)
     * for the runs to end. A run's time counts from when its trigger was due.
     */
    static Open offer(Floe floe, Engines.Watch w, double rate, long millis) throws Exception {
        long period = (long) (1e9 / rate);
        long t0 = System.nanoTime();
        long until = t0 + millis * 1_000_000;
        java.util.concurrent.ConcurrentLinkedQueue<Long> took = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicLong lastEnd = new java.util.concurrent.atomic.AtomicLong(t0);
        List<java.util.concurrent.CompletableFuture<?>> all = new ArrayList<>();
        for (long i = 0; ; i++) {
            long due = t0 + i * period;
            if (due >= until) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            all.add(floe.trigger("three", "go", java.util.Map.of())
                    .thenCompose(t -> w.end(t.pends().get(0).id().toString()))
                    .thenAccept(end -> {
                        long now = System.nanoTime();
                        took.add(now - due);
                        lastEnd.accumulateAndGet(now, Math::max);
                    }));
        }
        java.util.concurrent.CompletableFuture.allOf(all.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                .get(60, TimeUnit.SECONDS);
        double[] ms = took.stream().mapToDouble(n -> n / 1e6).toArray();
        Stats s = Stats.of(ms);
        return new Open(all.size() / ((Math.max(lastEnd.get(), until) - t0) / 1e9), s.median(), s.p99());
    }

    /** Runs ended per second while {@code clients} closed-loop clients trigger runs for {@code millis}. */
    static double drive(ExecutorService pool, Floe floe, Engines.Watch w, int clients, long millis)
            throws Exception {
        long t0 = System.nanoTime();
        long until = t0 + millis * 1_000_000;
        List<Future<Integer>> each = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            each.add(pool.submit(() -> {
                int runs = 0;
                while (System.nanoTime() < until) {
                    String run = Engines.trigger(floe, "three", "go");
                    w.end(run).get(60, TimeUnit.SECONDS);
                    runs++;
                }
                return runs;
            }));
        }
        int runs = 0;
        for (Future<Integer> f : each) {
            runs += f.get();
        }
        return runs / ((System.nanoTime() - t0) / 1e9);
    }
}
