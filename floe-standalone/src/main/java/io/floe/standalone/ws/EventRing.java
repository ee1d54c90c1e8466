package io.floe.standalone.ws;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent frames of the event stream, so a client that reconnects with {@code ?after=<event id>} misses
 * nothing recent. The cursor is this host's event id. Events relayed from other hosts carry ids of their own host's
 * counter, so each is kept with the id of the last local event before it and replayed when it came after the cursor.
 * Not thread-safe: the {@link EventSocket} calls it under its fan-out lock.
 */
final class EventRing {
    private record Entry(long localId, boolean relayed, EventFrame frame) {}

    /** What to send a reconnecting client: the frames, and whether older events it has not seen are gone. */
    record Replay(List<EventFrame> frames, boolean gap) {}

    private final SocketLimits limits;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;
    private long lastLocalId;
    /** The highest local id that fell out of the ring. */
    private long evictedUpTo;

    EventRing(SocketLimits limits) {
        this.limits = limits;
    }

    /** Keeps a local event (with its id), evicting the oldest frames beyond the limits. */
    void addLocal(long id, EventFrame frame) {
        lastLocalId = Math.max(lastLocalId, id);
        add(new Entry(id, false, frame));
    }

    /** Keeps an event relayed from another host, placed after the last local event. */
    void addRelayed(EventFrame frame) {
        add(new Entry(lastLocalId, true, frame));
    }

    /**
     * The frames after local event {@code after}, in stream order. A gap is reported when events after it have been
     * evicted, or when {@code after} is beyond the last id (the host restarted and its ids began again at 1); then
     * everything kept is replayed.
     */
    Replay since(long after) {
        boolean restarted = after > lastLocalId;
        long cursor = restarted ? 0 : after;
        boolean gap = restarted || evictedUpTo > cursor;
        List<EventFrame> out = new ArrayList<>();
        for (Entry e : entries) {
            boolean newer = e.relayed() ? e.localId() >= cursor : e.localId() > cursor;
            if (newer) {
                out.add(e.frame());
            }
        }
        return new Replay(out, gap);
    }

    long lastLocalId() {
        return lastLocalId;
    }

    private void add(Entry e) {
        if (limits.ringEvents() == 0) {
            return;
        }
        entries.addLast(e);
        bytes += e.frame().size();
        while (entries.size() > limits.ringEvents() || bytes > limits.ringBytes() && entries.size() > 1) {
            Entry old = entries.removeFirst();
            bytes -= old.frame().size();
            if (!old.relayed()) {
                evictedUpTo = Math.max(evictedUpTo, old.localId());
            }
        }
    }
}
