package io.floe.engine.run;

import java.util.Locale;

/**
 * Where one node of a run is, as every UI shows it: {@code waiting}, {@code running}, {@code success}, {@code failed},
 * {@code cancelled} (stopped, or left waiting, because its run was cancelled or ended), {@code skipped} (left waiting
 * by a run that ended otherwise) or {@code interrupted} (its host stopped or was lost while it ran). A node never
 * reached has none. A data node whose run ended before it got its values is never a success.
 */
public enum NodeResult {
    WAITING,
    RUNNING,
    SUCCESS,
    FAILED,
    CANCELLED,
    SKIPPED,
    INTERRUPTED;

    /** How the error of a task stopped because its run ended without it begins, unless the run was cancelled. */
    public static final String STOPPED = "stopped: the run ended";
    /** How the error of a task whose host stopped or was lost while it ran begins. */
    public static final String INTERRUPTED_PREFIX = "interrupted";

    /**
     * The error of a task stopped because its run ended for {@code end}: the run's reason when it was cancelled, else
     * {@value #STOPPED} with the reason.
     */
    public static String stoppedError(RunEnd end) {
        return end.cancelled() ? end.reason() : STOPPED + " (" + end.reason() + ")";
    }

    /**
     * The result of node record {@code r} (null when never reached) of {@code kind} in {@code run}; null for a node
     * never reached.
     */
    public static NodeResult of(NodeKind kind, NodeRecord r, RunRecord run) {
        if (r == null) {
            return null;
        }
        RunResult ended = run.result();
        // a task record keeps its error text only: this is the one place that reads the hub's wording of it back
        return switch (kind) {
            case TASK -> r.stopped() == null ? RUNNING
                    : r.good() ? SUCCESS
                    : r.error().startsWith(RunResult.CANCELLED_PREFIX) || r.error().startsWith(STOPPED) ? CANCELLED
                    : r.error().startsWith(INTERRUPTED_PREFIX) ? INTERRUPTED
                    : FAILED;
            case MERGE -> r.stopped() != null ? SUCCESS : left(ended);
            case DATA -> r.stopped() != null ? (r.good() ? SUCCESS : FAILED) : r.enabled() ? WAITING : left(ended);
        };
    }

    /** A node still waiting when its run ended. */
    private static NodeResult left(RunResult ended) {
        return ended == null ? WAITING : ended == RunResult.CANCELLED ? CANCELLED : SKIPPED;
    }

    /** The original's node status: {@code running}, {@code waiting} or {@code finished}. */
    public String status() {
        return switch (this) {
            case RUNNING -> "running";
            case WAITING -> "waiting";
            default -> "finished";
        };
    }

    /** The node's result as the run view writes it: blank while running or waiting, else this name. */
    public String result() {
        return this == RUNNING || this == WAITING ? "" : name().toLowerCase(Locale.ROOT);
    }
}
