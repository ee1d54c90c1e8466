package io.floe.bench;

import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Figure 9: a burst of 50 runs of a flow with 5 parallel {@code exec true} tasks and a merge, triggered at once over
 * HTTP on one host with the local store: every run archived good, none lost or doubled, and the time from the first
 * trigger to the last run archived.
 */
public final class Burst {
    private Burst() {}

    public static void run(Report r, int runs, int rounds) throws Exception {
        r.figure("9. A burst of " + runs + " runs (5 parallel exec true and a merge each) on one host");
        List<Double> seconds = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            seconds.add(once(runs));
        }
        r.line("first trigger → last run archived", Stats.of(seconds).brief("s", 2));
        r.line("per run", String.format("%.1f ms (median of the rounds / %d)", Stats.of(seconds).median() * 1000
                / runs, runs));
    }

    private static double once(int runs) throws Exception {
        Path root = Engines.tempDir("burst");
        HostOptions o = new HostOptions(Engines.configFile(root, ExecThroughput.FLOW), "h1", List.of("master"),
                "bench-token", "127.0.0.1:0", null, null, "", null, null, root, false);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try (Host host = Host.start(Engines.config(ExecThroughput.FLOW), Engines.types(), o);
                Engines.Watch w = new Engines.Watch(host.floe())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest trigger = HttpRequest.newBuilder(URI.create(host.server().url() + "/build/api/push/data"))
                    .header("X-Floe-Auth", "bench-token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Ref\":{\"ID\":\"five\"},\"Form\":{\"ID\":\"go\"}}"))
                    .build();
            http.send(HttpRequest.newBuilder(URI.create(host.server().url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()); // the connection pool is ready
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    String body = http.send(trigger, HttpResponse.BodyHandlers.ofString()).body();
                    return body.replaceAll("(?s).*\"Runs\": \\[\\s*\"([^\"]+)\".*", "$1");
                }));
            }
            long t0 = System.nanoTime();
            go.countDown();
            Set<String> ids = new HashSet<>();
            long last = 0;
            for (Future<String> a : answers) {
                String run = a.get();
                if (!ids.add(run)) {
                    throw new IllegalStateException("two triggers got the same run " + run);
                }
                last = Math.max(last, w.end(run).join());
            }
            List<RunRecord> stored = host.floe().runs(new RunQuery("five", EnumSet.allOf(RunStatus.class), 1000,
                    null)).runs();
            long good = stored.stream().filter(x -> x.status() == RunStatus.ARCHIVED && x.good()).count();
            if (stored.size() != runs || good != runs) {
                throw new IllegalStateException("expected " + runs + " runs archived good, found " + stored.size()
                        + " runs, " + good + " archived good");
            }
            return (last - t0) / 1e9;
        } finally {
            pool.shutdownNow();
            Engines.delete(root);
        }
    }
}
