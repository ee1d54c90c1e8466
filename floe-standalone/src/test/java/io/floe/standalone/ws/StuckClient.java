package io.floe.standalone.ws;

import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A websocket client that completes the upgrade with the admin token and then never reads, with a small window. */
public final class StuckClient {
    private StuckClient() {}

    /** Opens the socket; the upgrade must be accepted (101), else it fails saying what the host answered. */
    public static Socket open(Api api) throws IOException {
        URI u = URI.create(api.url);
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 10_000);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nX-Floe-Auth: " + RunningHost.ADMIN + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        return s;
    }
}
