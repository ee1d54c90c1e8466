package io.floe.standalone.reliability;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Many clients of a host's {@code /ws} on plain sockets, read in turn by one thread. Each reads the frames as a client
 * must (a server's frames are unmasked, without extension bits; a text message may come in fragments) and records its
 * events in {@link SeenEvents}. Far cheaper than {@code java.net.http}'s websocket client, so that a hundred of them in
 * the test's JVM keep up with a host under load instead of taking the CPU it needs.
 */
final class RawSocketClients implements AutoCloseable {
    private final Selector selector;
    private final List<Client> clients = new ArrayList<>();
    private final Thread reader;
    private volatile boolean open = true;

    private RawSocketClients(Selector selector) {
        this.selector = selector;
        this.reader = new Thread(this::read, "raw-ws-clients");
    }

    /** Opens {@code count} connections to {@code hostUrl}'s {@code /ws} with the admin token, and starts reading. */
    static RawSocketClients connect(String hostUrl, String token, int count) throws IOException {
        RawSocketClients all = new RawSocketClients(Selector.open());
        URI u = URI.create(hostUrl);
        for (int i = 0; i < count; i++) {
            Client c = new Client(upgrade(u, token));
            all.clients.add(c);
            c.channel.register(all.selector, SelectionKey.OP_READ, c);
        }
        all.reader.setDaemon(true);
        all.reader.start();
        return all;
    }

    List<Client> clients() {
        return List.copyOf(clients);
    }

    private static SocketChannel upgrade(URI u, String token) throws IOException {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress(u.getHost(), u.getPort()));
        ch.socket().setSoTimeout(20_000);
        OutputStream out = ch.socket().getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "X-Floe-Auth: " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = ch.socket().getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read(); // byte by byte: nothing after the head may be taken from the channel here
            if (b < 0) {
                throw new IOException("connection closed during the websocket upgrade: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("websocket upgrade refused: " + head);
        }
        ch.configureBlocking(false);
        return ch;
    }

    private void read() {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (open) {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    Client c = (Client) k.attachment();
                    buf.clear();
                    int n;
                    try {
                        n = c.channel.read(buf);
                    } catch (IOException e) {
                        n = -1;
                        c.closed("error: " + e);
                    }
                    if (n < 0) {
                        c.closed("connection closed by the host");
                        k.cancel();
                        continue;
                    }
                    c.feed(buf.array(), n);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (open) {
                throw new IllegalStateException("reading the websocket clients failed", e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        open = false;
        reader.join(5_000);
        for (Client c : clients) {
            c.channel.close();
        }
        selector.close();
    }

    /** One connection and what it saw. */
    static final class Client {
        private final SocketChannel channel;
        private final SeenEvents seen = new SeenEvents();
        private volatile String closedWith;
        // the frame being read: its header, then its payload
        private final byte[] header = new byte[10];
        private int headerLength;
        private int opcode;
        private boolean fin;
        private byte[] payload = new byte[4096];
        private int payloadLength;
        private int payloadWanted = -1;
        // a text message that came in fragments
        private byte[] message = new byte[0];
        private int messageLength;

        private Client(SocketChannel channel) {
            this.channel = channel;
        }

        /** Why the host closed this client ("code reason", or what ended the connection), or null while open. */
        String closedWith() {
            return closedWith;
        }

        long firstId() {
            return seen.firstId();
        }

        long lastId() {
            return seen.lastId();
        }

        String gap() {
            return seen.gap();
        }

        boolean sawEndOf(String run) {
            return seen.sawEndOf(run);
        }

        private void closed(String why) {
            if (closedWith == null) {
                closedWith = why;
            }
        }

        private void feed(byte[] in, int length) {
            int i = 0;
            while (i < length) {
                if (payloadWanted < 0) {
                    header[headerLength++] = in[i++];
                    if (headerLength >= 2 && headerLength == headerSize()) {
                        startPayload();
                    }
                    continue;
                }
                int n = Math.min(payloadWanted - payloadLength, length - i);
                System.arraycopy(in, i, payload, payloadLength, n);
                payloadLength += n;
                i += n;
                if (payloadLength == payloadWanted) {
                    frameRead();
                }
            }
        }

        private int headerSize() {
            int len7 = header[1] & 0x7F;
            return len7 < 126 ? 2 : len7 == 126 ? 4 : 10;
        }

        private void startPayload() {
            if ((header[0] & 0x70) != 0 || (header[1] & 0x80) != 0) {
                closed("protocol error: extension bits or a mask on a frame from the server");
            }
            int size = headerSize();
            long length = size == 2 ? header[1] & 0x7F : 0;
            for (int i = 2; i < size; i++) {
                length = length << 8 | header[i] & 0xFF;
            }
            opcode = header[0] & 0x0F;
            fin = (header[0] & 0x80) != 0;
            headerLength = 0;
            payloadWanted = (int) length;
            payloadLength = 0;
            if (payload.length < length) {
                payload = new byte[(int) length];
            }
            if (length == 0) {
                frameRead();
            }
        }

        private void frameRead() {
            payloadWanted = -1;
            switch (opcode) {
                case 1, 0 -> text();
                case 8 -> closed(payloadLength < 2 ? "closed without a code"
                        : ((payload[0] & 0xFF) << 8 | payload[1] & 0xFF) + " "
                                + new String(payload, 2, payloadLength - 2, StandardCharsets.UTF_8));
                case 9, 10 -> { } // pings need no answer for the host to go on
                default -> closed("protocol error: opcode " + opcode + " from the server");
            }
        }

        private void text() {
            if (fin && messageLength == 0) {
                seen.record(new String(payload, 0, payloadLength, StandardCharsets.UTF_8));
                return;
            }
            if (message.length < messageLength + payloadLength) {
                message = Arrays.copyOf(message, Math.max(2 * message.length, messageLength + payloadLength));
            }
            System.arraycopy(payload, 0, message, messageLength, payloadLength);
            messageLength += payloadLength;
            if (fin) {
                seen.record(new String(message, 0, messageLength, StandardCharsets.UTF_8));
                messageLength = 0;
            }
        }
    }
}
