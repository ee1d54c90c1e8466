package io.floe.standalone.ws;

/**
 * One event's JSON as the payload of a text frame: written once, then shared by the replay ring and by every client's
 * queue, so a hundred clients cost a hundred references, not a hundred copies. Its size in UTF-8 (what the frame
 * carries, and what the limits count) is worked out once.
 */
final class EventFrame {
    private final String json;
    private final int size;

    private EventFrame(String json, int size) {
        this.json = json;
        this.size = size;
    }

    static EventFrame of(String json) {
        return new EventFrame(json, utf8Length(json));
    }

    /** Bytes of the payload. */
    int size() {
        return size;
    }

    /** The JSON, as the text frame carries it. */
    String text() {
        return json;
    }

    /** UTF-8 bytes of {@code s}, counted without encoding it (an unpaired surrogate is sent as one byte, '?'). */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return json;
    }
}
