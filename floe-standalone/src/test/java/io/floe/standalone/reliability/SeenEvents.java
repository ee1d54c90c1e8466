package io.floe.standalone.reliability;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What one client of a host's {@code /ws} saw, as the load checks need it: every event's id in arrival order, and the
 * runs whose end it saw. Thread-safe: a client's reader records, the test asks.
 */
final class SeenEvents {
    private long[] ids = new long[1024];
    private int count;
    private final Set<String> ended = new HashSet<>();

    /**
     * Keeps the event's id and, for a run's end, the run. A text scan rather than a JSON parse: a hundred clients in
     * one JVM must keep up with a host's whole stream (the host writes {@code ..."Tag":…,"Good":…,"ID":n,"Opts"...}).
     */
    synchronized void record(String frame) {
        int good = frame.indexOf(",\"Good\":");
        int id = frame.indexOf(",\"ID\":", good);
        if (good < 0 || id < 0) {
            JsonObject e = JsonParser.parseString(frame).getAsJsonObject(); // not the usual shape: read it properly
            add(e.get("ID").getAsLong(), e.get("Tag").getAsString(), e.getAsJsonObject("RunRef")
                    .getAsJsonObject("Run"));
            return;
        }
        int end = id + 6;
        while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
        }
        long n = Long.parseLong(frame.substring(id + 6, end));
        String endTag = "\"Tag\":\"sys.end.all\"";
        boolean isEnd = frame.regionMatches(frame.lastIndexOf("\"Tag\":\"", good), endTag, 0, endTag.length());
        add(n, isEnd ? "sys.end.all" : "", isEnd ? JsonParser.parseString(frame).getAsJsonObject()
                .getAsJsonObject("RunRef").getAsJsonObject("Run") : null);
    }

    private void add(long id, String tag, JsonObject run) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
        if (tag.equals("sys.end.all")) {
            ended.add(run.get("HostID").getAsString() + "-" + run.get("ID").getAsLong());
        }
    }

    synchronized int count() {
        return count;
    }

    synchronized long lastId() {
        return count == 0 ? 0 : ids[count - 1];
    }

    synchronized long firstId() {
        return count == 0 ? 0 : ids[0];
    }

    synchronized boolean sawEndOf(String run) {
        return ended.contains(run);
    }

    /** Null when ids go up by one from the first to the last; else where they do not. */
    synchronized String gap() {
        for (int i = 1; i < count; i++) {
            if (ids[i] != ids[i - 1] + 1) {
                return "event " + i + " of " + count + " has ID " + ids[i] + " after " + ids[i - 1];
            }
        }
        return null;
    }
}
