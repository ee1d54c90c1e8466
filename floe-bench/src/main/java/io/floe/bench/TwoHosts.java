package io.floe.bench;

import io.floe.engine.config.FloeConfig;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Figure 5: two hosts on loopback in one JVM: a trigger posted to h1 for a flow only h2 may run (its host-tags), to
 * the start of its first task on h2.
 */
public final class TwoHosts {
    private TwoHosts() {}

    public static void run(Report r, int samples) throws Exception {
        r.figure("5. Two hosts on loopback: trigger on h1 → first task on h2");
        int p1 = freePort();
        int p2 = freePort();
        String yaml = """
                common:
                  hosts: [http://127.0.0.1:%d, http://127.0.0.1:%d]
                  base-url: /build/api
                  store-type: local
                flows:
                  - id: remote
                    ver: 1
                    host-tags: [far]
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: work, listen: trigger.good, type: noop}
                      - {name: done, listen: task.work.good, type: end}
                """.formatted(p1, p2);
        Path root = Engines.tempDir("two-hosts");
        FloeConfig cfg = Engines.config(yaml);
        try (Host h1 = Host.start(cfg, Engines.types(), options("h1", List.of("near"), p1, root.resolve("h1"), yaml));
                Host h2 = Host.start(cfg, Engines.types(), options("h2", List.of("far"), p2, root.resolve("h2"), yaml));
                Engines.Watch w = new Engines.Watch(h2.floe())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest trigger = HttpRequest.newBuilder(URI.create(h1.server().url() + "/build/api/push/data"))
                    .header("X-Floe-Auth", "bench-token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Ref\":{\"ID\":\"remote\"},\"Form\":{\"ID\":\"go\"}}"))
                    .build();
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < samples + samples / 5; i++) {
                long t0 = System.nanoTime();
                String body = http.send(trigger, HttpResponse.BodyHandlers.ofString()).body();
                String run = body.replaceAll("(?s).*\"Runs\": \\[\\s*\"([^\"]+)\".*", "$1");
                long s = w.firstStart(run).get(60, TimeUnit.SECONDS);
                w.end(run).get(60, TimeUnit.SECONDS);
                if (i >= samples / 5) {
                    ms.add((s - t0) / 1e6);
                }
            }
            Stats st = Stats.of(ms);
            r.line("HTTP trigger on h1 → sys.node.start on h2", st.brief("ms", 2)
                    + String.format("; p99 %.2f ms", st.p99()));
        } finally {
            Engines.delete(root);
        }
    }

    private static HostOptions options(String name, List<String> tags, int port, Path root, String yaml)
            throws IOException {
        return new HostOptions(Engines.configFile(root, yaml), name, tags, "bench-token", "127.0.0.1:" + port,
                null, null, "", null, null, root, false);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
