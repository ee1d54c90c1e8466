package io.floe.standalone.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One event's JSON as the payload of a text frame: encoded to UTF-8 once, then shared by the replay ring and by every
 * client's queue, so a hundred clients cost a hundred references, not a hundred copies.
 */
final class EventFrame {
    private final byte[] utf8;

    private EventFrame(byte[] utf8) {
        this.utf8 = utf8;
    }

    static EventFrame of(String json) {
        return new EventFrame(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes of the payload. */
    int size() {
        return utf8.length;
    }

    /** A view of the payload for one send; each send needs its own, as writing it advances its position. */
    ByteBuffer payload() {
        return ByteBuffer.wrap(utf8);
    }

    /** The JSON, for tests and logs. */
    String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text();
    }
}
