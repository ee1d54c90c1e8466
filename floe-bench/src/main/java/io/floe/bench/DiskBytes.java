package io.floe.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Figure 8: bytes a host process writes per run of a 5-task flow (five {@code exec true} in parallel, a merge, an
 * end), task logs aside. Three ways, from the least to the most exact:
 * <ul>
 * <li>{@code /proc/pid/io}: what reached the block layer ({@code write_bytes}, in 4 KB pages, after the fsyncs,
 * task logs included) and what was passed to write calls ({@code wchar}, less the task logs, the host's own log
 * output and the HTTP answers; it still holds the host's other writes to pipes and sockets);</li>
 * <li>the store's commits per run, read from SQLite's WAL index ({@code floe.db-shm}) without disturbing the host;</li>
 * <li>where {@code strace} is available, the bytes written to each file, followed for a second series of runs: the
 * database and its WAL apart from the task logs. strace slows the host, which then groups fewer task ends per commit:
 * an upper bound.</li>
 * </ul>
 */
public final class DiskBytes {
    private static final Pattern WRITE = Pattern.compile(
            "(?:pwrite64|write)\\(\\d+<([^>]*)>.*\\)\\s*=\\s*(\\d+)");

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
            int n = 0;
            for (int i = 0; i < 10; i++) { // warm-up
                runOne(http, h.url, trigger, ++n);
            }
            Path store = dir.resolve("root/store");
            Path logs = store.resolve("logs");
            Path out = dir.resolve("host.out");
            r.line("page size of the new store", pageSize(store.resolve("floe.db")) + " bytes");
            long w0 = h.writtenChars();
            long b0 = h.ioField("write_bytes");
            long logs0 = size(logs);
            long out0 = Files.size(out);
            long store0 = size(store) - logs0;
            long commits0 = commits(store);
            long answered = 0;
            for (int i = 0; i < runs; i++) {
                answered += runOne(http, h.url, trigger, ++n);
            }
            long wchar = h.writtenChars() - w0 - (size(logs) - logs0) - (Files.size(out) - out0) - answered;
            long blocks = h.ioField("write_bytes") - b0;
            long growth = size(store) - size(logs) - store0;
            r.line("write calls (wchar), less task logs, host log and HTTP answers", String.format("%.1f KB per run",
                    wchar / 1024.0 / runs));
            r.line("reached the block layer (write_bytes, includes task logs)", String.format("%.1f KB per run",
                    blocks / 1024.0 / runs));
            r.line("growth of the store's files (floe.db + WAL), task logs aside", String.format("%.1f KB per run",
                    growth / 1024.0 / runs));
            r.line("store commits (fsync'd transactions) per run", String.format("%.2f",
                    (commits(store) - commits0) / (double) runs));

            // long enough to take in a checkpoint (the WAL is copied back into floe.db every ~4 MB)
            int traced = Math.max(runs, 300);
            if (strace(r, h, http, trigger, n, traced)) {
                n += traced;
            }

            // the same runs started together: one commit then holds the changes of many runs
            int burst = 50;
            w0 = h.writtenChars();
            b0 = h.ioField("write_bytes");
            logs0 = size(logs);
            out0 = Files.size(out);
            commits0 = commits(store);
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
                    "%.1f KB per run (write_bytes %.1f KB, with task logs; %.2f commits per run)",
                    wchar / 1024.0 / burst, blocks / 1024.0 / burst, (commits(store) - commits0) / (double) burst));
        } finally {
            Engines.delete(dir);
        }
    }

    /**
     * Follows the host with strace for {@code runs} more lone runs and reports the bytes written to each of its files
     * per run; false (and a note) when strace cannot be used here.
     */
    private static boolean strace(Report r, HostProcess h, HttpClient http, HttpRequest trigger, int done, int runs)
            throws Exception {
        Path trace = Files.createTempFile("floe-strace", ".txt");
        Process s;
        try {
            s = new ProcessBuilder("strace", "-f", "-p", Long.toString(h.pid()), "-e", "trace=write,pwrite64",
                    "-y", "-o", trace.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            r.note("(no strace here: the split by file is left out)");
            return false;
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.size(trace) == 0 && s.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20); // strace writes its first line once it follows the host
            }
            if (!s.isAlive()) {
                r.note("(strace could not follow the host: the split by file is left out)");
                return false;
            }
            for (int i = 0; i < runs; i++) {
                runOne(http, h.url, trigger, done + i + 1);
            }
        } finally {
            s.destroy();
            s.waitFor(30, TimeUnit.SECONDS);
        }
        Map<String, Long> bytes = new HashMap<>();
        try (Stream<String> lines = Files.lines(trace)) {
            lines.forEach(line -> {
                Matcher m = WRITE.matcher(line);
                if (m.find()) {
                    bytes.merge(kind(m.group(1)), Long.parseLong(m.group(2)), Long::sum);
                }
            });
        }
        Files.deleteIfExists(trace);
        for (String kind : List.of("floe.db-wal", "floe.db", "task logs")) {
            r.line("written to " + kind + " (strace, " + runs + " lone runs)", String.format("%.1f KB per run",
                    bytes.getOrDefault(kind, 0L) / 1024.0 / runs));
        }
        return true;
    }

    private static String kind(String file) {
        if (file.contains("/store/logs/")) {
            return "task logs";
        }
        if (file.endsWith("/store/floe.db-wal")) {
            return "floe.db-wal";
        }
        if (file.endsWith("/store/floe.db")) {
            return "floe.db";
        }
        return "other";
    }

    /** The database's page size, from its header. */
    private static int pageSize(Path db) throws IOException {
        try (FileChannel c = FileChannel.open(db, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(2);
            c.read(b, 16);
            int size = b.flip().getShort() & 0xffff;
            return size == 1 ? 65536 : size;
        }
    }

    /**
     * The number of write transactions SQLite has made on the store since its WAL index was created: the
     * {@code iChange} counter of the index header in {@code floe.db-shm} (native byte order), which every commit
     * increments.
     */
    private static long commits(Path store) throws IOException {
        try (FileChannel c = FileChannel.open(store.resolve("floe.db-shm"), StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            c.read(b, 8);
            return b.flip().getInt() & 0xffffffffL;
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
