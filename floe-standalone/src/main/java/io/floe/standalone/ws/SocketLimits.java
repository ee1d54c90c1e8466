package io.floe.standalone.ws;

import java.time.Duration;

/**
 * How much the live event stream keeps, and how long it waits for a client. The replay ring holds the last
 * {@code ringEvents} events (and at most {@code ringBytes} bytes of JSON) for clients that reconnect with
 * {@code ?after=}. A client may fall at most {@code clientFrames} frames (and {@code clientBytes} bytes) behind, and a
 * write to it may take at most {@code writeTimeout}, before it is dropped. Frames are shared between clients (and the
 * ring), so a lagging client costs references, not copies: all clients' queues together hold no more frames than
 * the longest one.
 */
public record SocketLimits(int ringEvents, long ringBytes, int clientFrames, long clientBytes, Duration writeTimeout) {
    /**
     * 10,000 events to replay; a client may lag 32,768 frames (32 MB) behind, so a reading client rides out a burst of
     * events (a task printing 20,000 long lines at once) while one that stopped reading is dropped after 10 s.
     */
    public static final SocketLimits DEFAULT = new SocketLimits(10_000, 16_000_000, 32_768, 32_000_000,
            Duration.ofSeconds(10));

    public SocketLimits {
        if (ringEvents < 0 || ringBytes < 0 || clientFrames < 1 || clientBytes < 1 || writeTimeout == null
                || writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("socket limits must be positive: " + ringEvents + ", " + ringBytes
                    + ", " + clientFrames + ", " + clientBytes + ", " + writeTimeout);
        }
    }
}
