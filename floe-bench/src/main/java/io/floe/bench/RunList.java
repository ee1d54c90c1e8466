package io.floe.bench;

import io.floe.engine.config.FloeConfig;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 7: the flow page's run list ({@code GET <base>/flows/:id}, 50 runs a page) with 100,000 archived runs in the
 * local store: the first page, and pages deep in the archive reached by following {@code ArchiveNext}.
 */
public final class RunList {
    private RunList() {}

    public static void run(Report r, int archived, int samples) throws Exception {
        r.figure(String.format("7. The flow page's run list with %,d archived runs", archived));
        Path root = Engines.tempDir("runlist");
        try {
            FloeConfig cfg = Engines.config(ArchiveScaling.FLOW);
            ArchiveScaling.fill(root, cfg.flows().get(0), archived);
            HostOptions o = new HostOptions(Engines.configFile(root, ArchiveScaling.FLOW), "h1",
                    List.of("master"), "bench-token", "127.0.0.1:0", null, null, "", null, null, root, false);
            try (Host host = Host.start(cfg, Engines.types(), o)) {
                HttpClient http = HttpClient.newHttpClient();
                String base = host.server().url() + "/build/api/flows/quick?limit=50";
                List<Double> first = new ArrayList<>();
                for (int i = 0; i < samples + samples / 5; i++) {
                    long t0 = System.nanoTime();
                    get(http, base);
                    if (i >= samples / 5) {
                        first.add((System.nanoTime() - t0) / 1e6);
                    }
                }
                List<Double> paged = new ArrayList<>();
                String next = "";
                int pages = 0;
                while (pages < samples && next != null) {
                    String url = next.isEmpty() ? base : base + "&before=" + URLEncoder.encode(next,
                            StandardCharsets.UTF_8);
                    long t0 = System.nanoTime();
                    String body = get(http, url);
                    paged.add((System.nanoTime() - t0) / 1e6);
                    next = body.contains("\"ArchiveNext\": \"") ? body.replaceAll(
                            "(?s).*\"ArchiveNext\": \"([^\"]*)\".*", "$1") : null;
                    pages++;
                }
                Stats f = Stats.of(first);
                r.line("first page (50 runs)", f.brief("ms", 2) + String.format("; p95 %.2f ms", f.p95()));
                Stats p = Stats.of(paged);
                r.line("following ArchiveNext through " + pages + " pages", p.brief("ms", 2)
                        + String.format("; p95 %.2f ms", p.p95()));
            }
        } finally {
            Engines.delete(root);
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Floe-Auth",
                "bench-token").build(), HttpResponse.BodyHandlers.ofString());
        if (a.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + a.statusCode() + ": " + a.body());
        }
        return a.body();
    }
}
