package io.floe.engine.run;

import io.floe.engine.event.HostedRef;
import java.util.List;

/** Task output: one append-only log per node of a run. */
public interface TaskLogs {
    /** Appends one line (without its newline) to the node's log. Safe to call from task threads. */
    void append(HostedRef run, String nodeId, String line);

    /** Up to {@code max} lines from 0-based line {@code from}. */
    List<String> read(HostedRef run, String nodeId, long from, int max);

    /** Makes appended lines durable (called before the node's finish is committed). */
    void flush(HostedRef run, String nodeId);
}
