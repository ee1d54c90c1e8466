package io.floe.store.postgres.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback in front of the database, for one host, that can freeze that host's connections at a chosen
 * moment: once {@link #freezeAfter armed}, it forwards the first client message containing a marker (such as the
 * text of a statement) and then forwards nothing more, in either direction, on any of its connections, which stay
 * open, as they would if the host's process were stopped (SIGSTOP) right after sending that statement. The host must
 * send statement texts over the wire ({@code prepareThreshold=0} in its JDBC URL) for the marker to be seen.
 */
public final class FreezingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch frozen = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile byte[] marker;

    public FreezingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "freezing-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Freezes every connection right after the next client message that contains {@code text}. */
    public void freezeAfter(String text) {
        marker = text.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isFrozen() {
        return frozen.getCount() == 0;
    }

    public void awaitFrozen(Duration timeout) throws InterruptedException {
        if (!frozen.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for the host to send "
                    + new String(marker, StandardCharsets.UTF_8));
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket();
                out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                sockets.add(in);
                sockets.add(out);
                pump(in, out, true);
                pump(out, in, false);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(() -> {
            try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
                byte[] buffer = new byte[64 * 1024];
                byte[] seen = new byte[0]; // the end of the previous read, for a marker split across reads
                int n;
                while ((n = i.read(buffer)) > 0) {
                    if (isFrozen()) {
                        closed.await(); // held, never forwarded
                        return;
                    }
                    o.write(buffer, 0, n);
                    o.flush();
                    byte[] m = marker;
                    if (fromClient && m != null) {
                        byte[] window = concat(seen, buffer, n);
                        if (contains(window, m)) {
                            frozen.countDown();
                        }
                        seen = Arrays.copyOfRange(window, Math.max(0, window.length - m.length), window.length);
                    }
                }
            } catch (IOException e) {
                // the other side or close() ended it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "freezing-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static byte[] concat(byte[] head, byte[] buffer, int n) {
        byte[] out = Arrays.copyOf(head, head.length + n);
        System.arraycopy(buffer, 0, out, head.length, n);
        return out;
    }

    private static boolean contains(byte[] data, byte[] m) {
        outer:
        for (int i = 0; i + m.length <= data.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (data[i + j] != m[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }

    /** Drops every connection (the host sees its database go away) and refuses new ones. */
    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(FreezingProxy::closeQuietly);
        closed.countDown();
    }
}
