package io.floe.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * Figure 6: the memory of a host process (default JVM settings, as {@code ./floe} starts it): resident size idle,
 * and with 1,000 active runs (each waiting at a data node for its form), with the heap in use after a full GC.
 */
public final class Memory {
    static final String FLOW = """
            common: {store-type: local}
            flows:
              - id: waits
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - name: approve
                    listen: trigger.good
                    type: data
                    opts: {form: {title: Approve, fields: [{id: ok, prompt: OK, type: text}]}}
                  - {name: done, listen: task.approve.good, type: end}
            """;

    private Memory() {}

    public static void run(Report r, int active, List<String> jvmFlags) throws Exception {
        r.figure("6. Memory of a host process" + (jvmFlags.isEmpty() ? " (default JVM settings)" : " " + jvmFlags));
        Path dir = Engines.tempDir("memory");
        try (HostProcess h = HostProcess.start(dir, FLOW, jvmFlags)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest trigger = HttpRequest.newBuilder(URI.create(h.url + "/build/api/push/data"))
                    .header("X-Floe-Auth", "bench-token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Ref\":{\"ID\":\"waits\"},\"Form\":{\"ID\":\"go\"}}"))
                    .build();
            // one run first, so what loads lazily (routes, JSON, the store's statements) is loaded when idle
            http.send(trigger, HttpResponse.BodyHandlers.ofString());
            Thread.sleep(3000);
            long heapIdle = h.heapUsedAfterGc();
            long rssIdle = h.rss();
            for (int i = 0; i < active; i++) {
                HttpResponse<String> a = http.send(trigger, HttpResponse.BodyHandlers.ofString());
                if (a.statusCode() != 200) {
                    throw new IllegalStateException("trigger refused: " + a.body());
                }
            }
            Thread.sleep(3000);
            long heapActive = h.heapUsedAfterGc();
            long rssActive = h.rss();
            r.line("idle host: resident", mb(rssIdle) + ", heap in use after GC " + mb(heapIdle));
            r.line(String.format("%,d active runs: resident", active), mb(rssActive) + ", heap in use after GC "
                    + mb(heapActive));
            r.line("per active run", String.format("%.1f KB heap, %.1f KB resident",
                    (heapActive - heapIdle) / 1024.0 / active, (rssActive - rssIdle) / 1024.0 / active));
        } finally {
            Engines.delete(dir);
        }
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
