package io.floe.standalone.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP proxy on loopback in front of one host, which loses the answer to the first pend offer
 * ({@code POST …/p2p/flows/exec}): the offer reaches the host, which starts the run, but the connection is cut before
 * the answer goes back, as a network failure would.
 */
final class DroppingProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private final AtomicInteger offers = new AtomicInteger();

    DroppingProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many pend offers came through. */
    int offers() {
        return offers.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : new String[] {"X-Floe-Auth", "Content-Type", "Accept"}) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (ex.getRequestURI().getPath().endsWith("/p2p/flows/exec") && offers.incrementAndGet() == 1) {
            // the host took the pend; its answer is lost: the server closes the connection without a response
            throw new IOException("answer dropped by the test proxy");
        }
        ex.getResponseHeaders().set("Content-Type", r.headers().firstValue("Content-Type").orElse("text/plain"));
        ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
        ex.getResponseBody().write(r.body());
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
