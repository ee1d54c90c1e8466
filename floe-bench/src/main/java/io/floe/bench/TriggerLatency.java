package io.floe.bench;

import io.floe.engine.Floe;
import io.floe.engine.config.FloeConfig;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 1: from a trigger to the start of the flow's first task, on one host with the local store (durable: the pend
 * and the task's start are committed before the task is handed to its launcher). Through the engine's API and through
 * the HTTP API; also to the task's first line of output, which adds the process start.
 */
public final class TriggerLatency {
    static final String FLOW = """
            common: {store-type: local}
            flows:
              - id: first
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: work, listen: trigger.good, type: exec, opts: {cmd: "echo x"}}
                  - {name: done, listen: task.work.good, type: end}
            """;

    private TriggerLatency() {}

    public static void run(Report r, int samples) throws Exception {
        r.figure("1. Trigger to first task start (one host, local store)");
        Path root = Engines.tempDir("trigger");
        try (Floe floe = Engines.start(FLOW, root, null, null); Engines.Watch w = new Engines.Watch(floe)) {
            List<Double> start = new ArrayList<>();
            List<Double> output = new ArrayList<>();
            for (int i = 0; i < samples + samples / 5; i++) {
                long t0 = System.nanoTime();
                String run = Engines.trigger(floe, "first", "go");
                long s = w.firstStart(run).join();
                long o = w.firstOutput(run).join();
                w.end(run).join();
                if (i >= samples / 5) { // the first fifth warms up
                    start.add((s - t0) / 1e6);
                    output.add((o - t0) / 1e6);
                }
            }
            Stats st = Stats.of(start);
            r.line("engine API, trigger → sys.node.start", st.brief("ms", 2) + String.format("; p99 %.2f ms",
                    st.p99()));
            Stats so = Stats.of(output);
            r.line("engine API, trigger → the task's first output line", so.brief("ms", 2)
                    + String.format("; p99 %.2f ms", so.p99()));
        } finally {
            Engines.delete(root);
        }
        Path root2 = Engines.tempDir("trigger-http");
        FloeConfig cfg = Engines.config(FLOW);
        HostOptions o = new HostOptions(Engines.configFile(root2, FLOW), "h1", List.of("master"), "bench-token",
                "127.0.0.1:0", null, null, "", null, null, root2, false);
        try (Host host = Host.start(cfg, Engines.types(), o); Engines.Watch w = new Engines.Watch(host.floe())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest req = HttpRequest.newBuilder(URI.create(host.server().url() + "/build/api/push/data"))
                    .header("X-Floe-Auth", "bench-token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Ref\":{\"ID\":\"first\"},\"Form\":{\"ID\":\"go\"}}"))
                    .build();
            List<Double> start = new ArrayList<>();
            for (int i = 0; i < samples + samples / 5; i++) {
                long t0 = System.nanoTime();
                String body = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
                String run = body.replaceAll("(?s).*\"Runs\": \\[\\s*\"([^\"]+)\".*", "$1");
                long s = w.firstStart(run).join();
                w.end(run).join();
                if (i >= samples / 5) {
                    start.add((s - t0) / 1e6);
                }
            }
            Stats st = Stats.of(start);
            r.line("HTTP POST /push/data → sys.node.start", st.brief("ms", 2) + String.format("; p99 %.2f ms",
                    st.p99()));
        } finally {
            Engines.delete(root2);
        }
    }
}
