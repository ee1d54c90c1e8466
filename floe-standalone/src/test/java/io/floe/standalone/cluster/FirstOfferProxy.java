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
 * A plain HTTP proxy on loopback in front of one host that does one thing to the first pend offer
 * ({@code POST …/p2p/flows/exec}), as the network between two hosts could; every other request passes straight through.
 */
final class FirstOfferProxy implements AutoCloseable {
    /** What happens to the first offer. */
    enum Offer {
        /** Passed on at once and its answer held until released: the host has taken the run, the offerer waits. */
        TAKEN,
        /** Held until released, then passed on: the host has not seen it yet. */
        NOT_YET_THERE,
        /** Answered 409 (busy) by the proxy itself once released: no host took it. */
        REFUSED,
        /** Passed on, and the connection cut before the answer goes back: the host took the run, the offerer never
         * hears. Not held. */
        ANSWER_LOST
    }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private final Offer offer;
    private final AtomicInteger offers = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    FirstOfferProxy(String target, Offer offer) throws IOException {
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

    /** How many pend offers came through. */
    int offers() {
        return offers.get();
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
        if (first && offer == Offer.ANSWER_LOST) {
            // the server closes the connection without a response
            throw new IOException("answer dropped by the test proxy");
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
