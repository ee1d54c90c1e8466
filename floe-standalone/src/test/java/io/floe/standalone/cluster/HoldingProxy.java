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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP proxy on loopback in front of one host that holds the first pend offer ({@code POST …/p2p/flows/exec})
 * until the test releases it: passed on at once, so the host has taken the run while its answer is held; passed on
 * only when released, so the host has not seen it yet; or answered 409 (busy) by the proxy itself, so no host took it.
 * Every other request passes straight through.
 */
final class HoldingProxy implements AutoCloseable {
    /** What happens to the held offer. */
    enum Offer { TAKEN, NOT_YET_THERE, REFUSED }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private final Offer offer;
    private final AtomicInteger offers = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    HoldingProxy(String target, Offer offer) throws IOException {
        this.target = target;
        this.offer = offer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits until the first offer is held (for {@link Offer#TAKEN}: once the host behind took it). */
    void awaitHeld() throws InterruptedException {
        if (!held.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no pend offer reached the proxy within 30 s");
        }
    }

    /** Lets the held answer go. */
    void release() {
        released.countDown();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        boolean first = ex.getRequestURI().getPath().endsWith("/p2p/flows/exec") && offers.incrementAndGet() == 1;
        if (first && offer == Offer.REFUSED) {
            hold();
            answer(ex, 409, "application/json", "{\"Message\":\"busy (test proxy)\",\"Payload\":null}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (first && offer == Offer.NOT_YET_THERE) {
            hold();
        }
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
        if (first && offer == Offer.TAKEN) {
            hold();
        }
        answer(ex, r.statusCode(), r.headers().firstValue("Content-Type").orElse("text/plain"), r.body());
    }

    private void hold() throws IOException {
        held.countDown();
        try {
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IOException("the test never released the held offer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void answer(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
