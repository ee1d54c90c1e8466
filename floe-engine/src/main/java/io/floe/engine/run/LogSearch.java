package io.floe.engine.run;

import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.TaskLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A search for text in one task log, read page by page from the store (never the whole log in memory): the lines
 * that contain the query, ignoring case and terminal colour codes, from a given line on. Stops after {@code maxHits}
 * matches or {@code maxScan} lines, and says where to go on, so a client pages through the matches of any log.
 */
public record LogSearch(String query, int maxHits, long maxScan) {
    /** Lines read from the store per step. */
    static final int STEP = 2_000;
    // SGR and other CSI sequences: a search for "error" finds the line a tool printed in red
    private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]");

    public LogSearch {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("the search text is empty: give the text to look for");
        }
        if (maxHits < 1 || maxScan < 1) {
            throw new IllegalArgumentException("a search needs room for at least one match and one line");
        }
        query = query.toLowerCase(Locale.ROOT);
    }

    /** One matching line: its number as people count (from 1) and its text. */
    public record Match(long line, String text) {}

    /**
     * The matches found, and {@code next}: the 0-based line to search on from for more, or -1 when the log was read
     * to its end. {@code scanned} lines were read.
     */
    public record Result(List<Match> matches, long next, long scanned) {}

    /** Searches the log of {@code node} in {@code run} from 0-based line {@code from} on. */
    public Result in(TaskLogs logs, HostedRef run, String node, long from) {
        List<Match> hits = new ArrayList<>();
        long at = Math.max(0, from);
        long scanned = 0;
        while (scanned < maxScan) {
            int want = (int) Math.min(STEP, maxScan - scanned);
            List<String> page = logs.read(run, node, at, want);
            if (page.isEmpty()) {
                return new Result(hits, -1, scanned);
            }
            for (String line : page) {
                scanned++;
                at++;
                if (matches(line)) {
                    hits.add(new Match(at, line));
                    if (hits.size() == maxHits) {
                        return new Result(hits, at, scanned);
                    }
                }
            }
            if (page.size() < want) {
                return new Result(hits, -1, scanned);
            }
        }
        return new Result(hits, at, scanned);
    }

    boolean matches(String line) {
        String plain = line.indexOf('\u001b') >= 0 ? ESCAPES.matcher(line).replaceAll("") : line;
        return plain.toLowerCase(Locale.ROOT).contains(query);
    }
}
