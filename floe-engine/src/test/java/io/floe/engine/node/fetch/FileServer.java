package io.floe.engine.node.fetch;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 for download tests: serves byte arrays by path, honours {@code If-None-Match},
 * {@code If-Modified-Since} and {@code Range}/{@code If-Range} like a proper server, can misbehave on request
 * (drop the connection half-way, stall, never answer), and counts what it was asked and what it sent.
 */
final class FileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** How a file is served. */
    enum Mode { NORMAL, DROP_HALF_ONCE, STALL_HALF, NEVER_ANSWER }

    /** One served file and what happened to it. Settings may change between requests. */
    static final class Served {
        volatile byte[] body;
        volatile String etag;
        volatile String lastModified;
        volatile String disposition;
        volatile Mode mode = Mode.NORMAL;
        final List<Headers> requests = new CopyOnWriteArrayList<>();
        final List<Integer> codes = new CopyOnWriteArrayList<>();
        final AtomicLong bodyBytes = new AtomicLong();

        Served etag(String v) {
            etag = v;
            return this;
        }

        Served lastModified(String v) {
            lastModified = v;
            return this;
        }

        Served disposition(String v) {
            disposition = v;
            return this;
        }

        Served mode(Mode v) {
            mode = v;
            return this;
        }

        Headers lastRequest() {
            return requests.get(requests.size() - 1);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Served> files = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();

    FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    Served put(String path, byte[] body) {
        Served s = new Served();
        s.body = body;
        files.put(path, s);
        return s;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** All requests, for any path. */
    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try {
            Served s = files.get(ex.getRequestURI().getPath());
            if (s == null) {
                byte[] msg = "not found".getBytes();
                ex.sendResponseHeaders(404, msg.length);
                ex.getResponseBody().write(msg);
                return;
            }
            s.requests.add(copy(ex.getRequestHeaders()));
            if (s.mode == Mode.NEVER_ANSWER) {
                awaitRelease();
                return;
            }
            Headers in = ex.getRequestHeaders();
            String inm = in.getFirst("If-None-Match");
            String ims = in.getFirst("If-Modified-Since");
            if (s.etag != null && s.etag.equals(inm) || inm == null && s.lastModified != null
                    && s.lastModified.equals(ims)) {
                s.codes.add(304);
                ex.sendResponseHeaders(304, -1);
                return;
            }
            Headers out = ex.getResponseHeaders();
            if (s.etag != null) {
                out.set("ETag", s.etag);
            }
            if (s.lastModified != null) {
                out.set("Last-Modified", s.lastModified);
            }
            if (s.disposition != null) {
                out.set("Content-Disposition", s.disposition);
            }
            byte[] body = s.body;
            int start = 0;
            int code = 200;
            Matcher range = RANGE.matcher(in.getFirst("Range") == null ? "" : in.getFirst("Range"));
            String ifRange = in.getFirst("If-Range");
            if (range.matches() && (ifRange == null || ifRange.equals(s.etag) || ifRange.equals(s.lastModified))) {
                start = Integer.parseInt(range.group(1));
                if (start >= body.length) {
                    s.codes.add(416);
                    out.set("Content-Range", "bytes */" + body.length);
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                code = 206;
                out.set("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
            }
            int length = body.length - start;
            s.codes.add(code);
            ex.sendResponseHeaders(code, length == 0 ? -1 : length);
            OutputStream os = ex.getResponseBody();
            if (s.mode == Mode.DROP_HALF_ONCE || s.mode == Mode.STALL_HALF) {
                int half = length / 2;
                os.write(body, start, half);
                os.flush();
                s.bodyBytes.addAndGet(half);
                if (s.mode == Mode.STALL_HALF) {
                    awaitRelease();
                } else {
                    s.mode = Mode.NORMAL;
                }
                // closing with bytes missing makes the server drop the connection
                return;
            }
            os.write(body, start, length);
            s.bodyBytes.addAndGet(length);
        } catch (IOException e) {
            // the client went away or the connection was dropped on purpose
        } finally {
            try {
                ex.close();
            } catch (RuntimeException e) {
                // closing with bytes missing is how the connection is dropped
            }
        }
    }

    private void awaitRelease() {
        try {
            release.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Headers copy(Headers h) {
        Headers c = new Headers();
        h.forEach(c::put);
        return c;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
