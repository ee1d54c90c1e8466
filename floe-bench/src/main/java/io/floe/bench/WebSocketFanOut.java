package io.floe.bench;

import io.floe.engine.TriggerCall;
import io.floe.engine.event.Event;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.json.Json;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Websocket fan-out: how many events per second a host's {@code /ws} delivers to 1, 10 and 100 clients that read as
 * fast as they can. The events go through the host's own event queue ({@code Floe.publish} of inbound events no flow
 * listens for, about the size of a task's output line event), so they take the path every event takes. The publisher
 * stays at most {@value #WINDOW} events ahead of the slowest client, so the figure is the rate the clients can be kept
 * up to date with, not the rate at which a backlog grows. The clients are plain sockets on one selector thread that
 * only count frames, so that little of the machine goes to them. {@code -Dfloe.bench.ws.clients=100} measures only
 * the numbers of clients given (comma-separated).
 */
public final class WebSocketFanOut {
    /** Well below the number of frames a client may lag before it is dropped (8,192). */
    static final int WINDOW = 2_000;
    private static final String FLOW = """
            flows:
              - id: quiet
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: done, listen: trigger.good, type: end}
            """;

    private WebSocketFanOut() {}

    public static void run(Report r, int roundMillis, int rounds) throws Exception {
        r.figure("websocket fan-out: events/s delivered to clients that read as fast as they can");
        String counts = System.getProperty("floe.bench.ws.clients", "1,10,100");
        for (String clients : counts.split(",")) {
            once(r, Integer.parseInt(clients.trim()), roundMillis, rounds);
        }
    }

    private static void once(Report r, int clients, int roundMillis, int rounds) throws Exception {
        Path root = Engines.tempDir("ws-fan-out");
        Path conf = Files.writeString(root.resolve("floe.yml"), FLOW);
        HostOptions o = new HostOptions(conf, "h1", List.of("master"), "bench-token", "127.0.0.1:0", null, null, "",
                null, null, root, false);
        try (Host host = Host.start(Engines.config(FLOW), Engines.types(), o);
                Readers readers = new Readers(URI.create(host.server().url()), clients)) {
            Publisher pub = new Publisher(host, readers);
            Thread t = new Thread(pub, "ws-bench-publisher");
            t.start();
            try {
                pub.awaitPublished(WINDOW * 4L); // warm-up: connections, JIT
                long warm = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < warm) {
                    Thread.sleep(50);
                }
                List<Double> perClient = new ArrayList<>();
                List<Double> total = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    long[] before = readers.counts();
                    long t0 = System.nanoTime();
                    Thread.sleep(roundMillis);
                    long[] after = readers.counts();
                    double s = (System.nanoTime() - t0) / 1e9;
                    long sum = 0;
                    long least = Long.MAX_VALUE;
                    for (int i = 0; i < after.length; i++) {
                        long got = after[i] - before[i];
                        sum += got;
                        least = Math.min(least, got);
                    }
                    perClient.add(least / s);
                    total.add(sum / s);
                }
                Stats each = Stats.of(perClient);
                Stats all = Stats.of(total);
                r.line(clients + (clients == 1 ? " client" : " clients"), String.format(
                        "%,.0f events/s to each (slowest client; IQR %,.0f–%,.0f, n=%d rounds of %d ms),"
                                + " %,.0f frames/s in all", each.median(), each.p25(), each.p75(), rounds,
                        roundMillis, all.median()));
            } finally {
                pub.stop();
                t.join(10_000);
            }
            // everything published arrived at every client, none was dropped
            long published = pub.published();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (readers.least() < published && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (readers.closed() > 0 || readers.least() < published) {
                throw new IllegalStateException(readers.closed() + " clients closed; slowest got " + readers.least()
                        + " of " + published + " frames");
            }
            if (clients == 1) {
                r.note("frame size " + pub.frameBytes() + " bytes; the publisher stays at most " + WINDOW
                        + " events ahead of the slowest client");
            }
        } finally {
            Engines.delete(root);
        }
    }

    /** Publishes events through the host's queue while the slowest client is less than {@link #WINDOW} behind. */
    private static final class Publisher implements Runnable {
        private final Host host;
        private final Readers readers;
        private final Event event;
        /** An inbound event no trigger takes: it reaches every observer and starts nothing. */
        private final TriggerCall call;
        private volatile boolean going = true;
        private volatile long published;

        Publisher(Host host, Readers readers) {
            this.host = host;
            this.readers = readers;
            String line = "12345 " + "x".repeat(150);
            this.event = Event.of(RunRef.unadopted(new FlowRef("bench", 1)), new NodeRef("trigger", "bench"),
                    Tags.inbound("bench"), false, Map.of("update", line, "stream", "stdout"));
            this.call = new TriggerCall(event.runRef().flowRef(), event.sourceNode().id(), "bench", event.opts(), "",
                    null);
        }

        int frameBytes() {
            return Json.write(event.withId(published)).getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public void run() {
            long n = 0;
            while (going) {
                if (n - readers.least() >= WINDOW) {
                    LockSupport.parkNanos(20_000);
                    continue;
                }
                host.floe().trigger(call);
                published = ++n;
            }
        }

        long published() {
            return published;
        }

        void awaitPublished(long n) throws InterruptedException {
            while (published < n) {
                Thread.sleep(10);
            }
        }

        void stop() {
            going = false;
        }
    }

    /** The clients: plain websocket connections read by one selector thread that counts whole messages. */
    private static final class Readers implements AutoCloseable {
        private final List<Client> clients = new ArrayList<>();
        private final Selector selector;
        private final Thread thread;
        private volatile boolean open = true;

        Readers(URI server, int count) throws IOException {
            selector = Selector.open();
            for (int i = 0; i < count; i++) {
                Client c = Client.connect(server);
                clients.add(c);
                c.channel.register(selector, SelectionKey.OP_READ, c);
            }
            thread = new Thread(this::read, "ws-bench-readers");
            thread.start();
        }

        private void read() {
            ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
            try {
                while (open) {
                    selector.select(100);
                    for (SelectionKey k : selector.selectedKeys()) {
                        Client c = (Client) k.attachment();
                        buf.clear();
                        int n = c.channel.read(buf);
                        if (n < 0) {
                            c.closed = true;
                            k.cancel();
                            continue;
                        }
                        buf.flip();
                        c.feed(buf);
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                if (open) {
                    throw new IllegalStateException("reading the websocket clients failed", e);
                }
            }
        }

        long[] counts() {
            long[] out = new long[clients.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = clients.get(i).messages;
            }
            return out;
        }

        long least() {
            long least = Long.MAX_VALUE;
            for (Client c : clients) {
                least = Math.min(least, c.messages);
            }
            return least;
        }

        int closed() {
            int n = 0;
            for (Client c : clients) {
                n += c.closed ? 1 : 0;
            }
            return n;
        }

        @Override
        public void close() throws Exception {
            open = false;
            thread.join(5_000);
            for (Client c : clients) {
                c.channel.close();
            }
            selector.close();
        }
    }

    /** One connection: the upgrade, then a parser of the server's (unmasked) frames that counts whole messages. */
    private static final class Client {
        private final SocketChannel channel;
        private final byte[] header = new byte[10];
        private int headerLength;
        private long skip;
        private volatile long messages;
        private volatile boolean closed;

        private Client(SocketChannel channel) {
            this.channel = channel;
        }

        static Client connect(URI server) throws IOException {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(server.getHost(), server.getPort()));
            ch.socket().setSoTimeout(10_000);
            OutputStream out = ch.socket().getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nX-Floe-Auth: bench-token\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = ch.socket().getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed during the websocket upgrade: " + head);
                }
                head.append((char) b);
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("websocket upgrade refused: " + head);
            }
            ch.configureBlocking(false);
            return new Client(ch);
        }

        /** Reads frames' headers and skips their payloads; counts frames that end a text or binary message. */
        void feed(ByteBuffer buf) {
            long count = messages;
            while (buf.hasRemaining()) {
                if (skip > 0) {
                    int n = (int) Math.min(skip, buf.remaining());
                    buf.position(buf.position() + n);
                    skip -= n;
                    continue;
                }
                header[headerLength++] = buf.get();
                if (headerLength < 2) {
                    continue;
                }
                int len7 = header[1] & 0x7F;
                int need = len7 < 126 ? 2 : len7 == 126 ? 4 : 10;
                if (headerLength < need) {
                    continue;
                }
                long length = len7 < 126 ? len7 : 0;
                for (int i = 2; i < need; i++) {
                    length = length << 8 | header[i] & 0xFF;
                }
                int opcode = header[0] & 0x0F;
                boolean fin = (header[0] & 0x80) != 0;
                if (fin && opcode <= 2) {
                    count++;
                } else if (opcode == 8) {
                    closed = true;
                }
                skip = length;
                headerLength = 0;
            }
            messages = count;
        }
    }
}
