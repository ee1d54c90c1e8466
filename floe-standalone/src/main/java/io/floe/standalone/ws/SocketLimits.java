package io.floe.standalone.ws;

/**
 * How much the live event stream keeps. The replay ring holds the last {@code ringEvents} events (and at most
 * {@code ringChars} characters of JSON) for clients that reconnect with {@code ?after=}. A client may fall at most
 * {@code clientFrames} frames (and {@code clientChars} characters) behind before it is dropped; frames are shared
 * between clients, so a lagging client costs references, not copies.
 */
public record SocketLimits(int ringEvents, long ringChars, int clientFrames, long clientChars) {
    /** 10,000 events to replay, and a client may lag 8,192 frames behind. */
    public static final SocketLimits DEFAULT = new SocketLimits(10_000, 16_000_000, 8_192, 16_000_000);

    public SocketLimits {
        if (ringEvents < 0 || ringChars < 0 || clientFrames < 1 || clientChars < 1) {
            throw new IllegalArgumentException("socket limits must be positive: " + ringEvents + ", " + ringChars
                    + ", " + clientFrames + ", " + clientChars);
        }
    }
}
