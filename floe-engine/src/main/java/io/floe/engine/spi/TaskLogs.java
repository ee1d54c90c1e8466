package io.floe.engine.spi;

import io.floe.engine.event.HostedRef;
import java.util.List;

/** Task output: one append-only log per node of a run. */
public interface TaskLogs {
    /** Appends one line (without its newline) to the node's log. Safe to call from task threads. */
    void append(HostedRef run, String nodeId, String line);

    /** Up to {@code max} lines from 0-based line {@code from}. */
    List<String> read(HostedRef run, String nodeId, long from, int max);

    /** How many lines the node's log has. (This default reads them all; stores keep a count.) */
    default long count(HostedRef run, String nodeId) {
        long n = 0;
        List<String> page;
        while (!(page = read(run, nodeId, n, 10_000)).isEmpty()) {
            n += page.size();
        }
        return n;
    }

    /**
     * Hands the appended lines to where they are kept (called before the node's finish is committed): a file store hands
     * them to the OS, and forces them to the disk when the store is opened with {@code log-sync}.
     */
    void flush(HostedRef run, String nodeId);
}
