package io.floe.engine.run;

import io.floe.engine.config.Opts;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recorded state of one node in one run.
 *
 * @param started    first start (task), first arrival (merge), last update (data); null if never reached
 * @param stopped    when the task finished, the merge fired, or the data node got all its values; null before
 * @param good       the task's result once stopped
 * @param exitStatus the task's status code once stopped, or null
 * @param error      an execution error or interruption text, or empty
 * @param waits      merge only: tags received so far
 * @param opts       merge: merged opts of arrivals; data: {@code {form, values}}; tasks: output opts
 * @param enabled    data only: the node is waiting for input
 * @param logLines   tasks: number of output lines logged
 */
public record NodeRecord(
        String nodeId,
        NodeKind kind,
        Instant started,
        Instant stopped,
        boolean good,
        Integer exitStatus,
        String error,
        Map<String, Boolean> waits,
        Map<String, Object> opts,
        boolean enabled,
        long logLines) {

    public NodeRecord {
        error = error == null ? "" : error;
        waits = waits == null ? Map.of() : Map.copyOf(new TreeMap<>(waits));
        opts = Opts.copy(opts);
    }

    public static NodeRecord startedTask(String nodeId, Instant when) {
        return new NodeRecord(nodeId, NodeKind.TASK, when, null, false, null, "", Map.of(), Map.of(), false, 0);
    }

    public boolean running() {
        return started != null && stopped == null;
    }

    public NodeRecord finished(Instant when, boolean wasGood, Integer status, String err, Map<String, Object> out) {
        return new NodeRecord(nodeId, kind, started, when, wasGood, status, err, waits, out, enabled, logLines);
    }

    public NodeRecord withLogLines(long lines) {
        return new NodeRecord(nodeId, kind, started, stopped, good, exitStatus, error, waits, opts, enabled, lines);
    }
}
