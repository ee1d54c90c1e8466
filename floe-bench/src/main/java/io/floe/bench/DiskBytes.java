package io.floe.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Figure 8: bytes a host process writes per run of a 5-task flow (five {@code exec true} in parallel, a merge, an
 * end), task logs aside: from /proc/pid/io, both what reached the block layer ({@code write_bytes}, page-sized, after
 * the store's fsyncs) and what was passed to write calls ({@code wchar}, less the task logs, the host's own log output
 * and the HTTP answers).
 */
public final class DiskBytes {
    private DiskBytes() {}

    public static void run(Report r, int runs) throws Exception {
        r.figure("8. Bytes written per run of a 5-task flow, task logs aside");
        Path dir = Engines.tempDir("disk");
        try (HostProcess h = HostProcess.start(dir, ExecThroughput.FLOW, List.of())) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest trigger = HttpRequest.newBuilder(URI.create(h.url + "/build/api/push/data"))
                    .header("X-Floe-Auth", "bench-token")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"Ref\":{\"ID\":\"five\"},\"Form\":{\"ID\":\"go\"}}"))
                    .build();
            for (int i = 0; i < 10; i++) { // warm-up
                runOne(http, h.url, trigger, i + 1);
            }
            Path logs = dir.resolve("root/store/logs");
            Path out = dir.resolve("host.out");
            long w0 = h.writtenChars();
            long b0 = h.ioField("write_bytes");
            long logs0 = size(logs);
            long out0 = Files.size(out);
            long store0 = size(dir.resolve("root/store")) - logs0;
            long answered = 0;
            for (int i = 0; i < runs; i++) {
                answered += runOne(http, h.url, trigger, 10 + i + 1);
            }
            long wchar = h.writtenChars() - w0 - (size(logs) - logs0) - (Files.size(out) - out0) - answered;
            long blocks = h.ioField("write_bytes") - b0;
            long store = size(dir.resolve("root/store")) - size(logs) - store0;
            r.line("write calls (wchar), less task logs, host log and HTTP answers", String.format("%.1f KB per run",
                    wchar / 1024.0 / runs));
            r.line("reached the block layer (write_bytes, includes task logs)", String.format("%.1f KB per run",
                    blocks / 1024.0 / runs));
            r.line("growth of the store's files (floe.db + WAL), task logs aside", String.format("%.1f KB per run",
                    store / 1024.0 / runs));

            // the same runs started together: one commit then holds the changes of many runs
            int burst = 50;
            w0 = h.writtenChars();
            b0 = h.ioField("write_bytes");
            logs0 = size(logs);
            out0 = Files.size(out);
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                sent.add(http.sendAsync(trigger, HttpResponse.BodyHandlers.ofString()));
            }
            answered = 0;
            for (var f : sent) {
                String body = f.join().body();
                answered += body.length() + 200;
                String run = body.replaceAll("(?s).*\"Runs\": \\[\\s*\"([^\"]+)\".*", "$1");
                answered += awaitGood(http, h.url, run);
            }
            wchar = h.writtenChars() - w0 - (size(logs) - logs0) - (Files.size(out) - out0) - answered;
            blocks = h.ioField("write_bytes") - b0;
            r.line("write calls (wchar) per run when " + burst + " runs are started at once", String.format(
                    "%.1f KB per run (write_bytes %.1f KB, with task logs)", wchar / 1024.0 / burst,
                    blocks / 1024.0 / burst));
        } finally {
            Engines.delete(dir);
        }
    }

    /** Starts one run and waits until it is archived; the bytes of the answers the host sent for it. */
    private static long runOne(HttpClient http, String url, HttpRequest trigger, int n) throws Exception {
        long bytes = http.send(trigger, HttpResponse.BodyHandlers.ofString()).body().length() + 200;
        return bytes + awaitGood(http, url, "h1-" + n);
    }

    /** Waits until run {@code run} is archived good; the bytes of the answers the host sent meanwhile. */
    private static long awaitGood(HttpClient http, String url, String run) throws Exception {
        long bytes = 0;
        HttpRequest view = HttpRequest.newBuilder(URI.create(url + "/build/api/flows/five/runs/" + run))
                .header("X-Floe-Auth", "bench-token").build();
        while (true) {
            String page = http.send(view, HttpResponse.BodyHandlers.ofString()).body();
            bytes += page.length() + 200; // the status line and headers, roughly
            if (page.contains("\"Status\": \"good\"")) {
                return bytes;
            }
            if (page.contains("\"Status\": \"bad\"")) {
                throw new IllegalStateException("run " + run + " ended bad");
            }
            Thread.sleep(5);
        }
    }

    static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
