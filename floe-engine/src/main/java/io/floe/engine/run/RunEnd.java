package io.floe.engine.run;

import java.util.Optional;

/**
 * Why a run ended, typed: its {@link EndCause}, whether it ended good, the detail its reason names (the end node's
 * id, the tag nobody listened to, why it was cancelled or failed) and the reason text the store, the API and the
 * websocket carry, worded as before this type, so stored runs and the dashboard read the same. Decisions look at the
 * cause, never at the text; {@link #read} is the one place that turns a stored text back into a value (the store keeps
 * the text only).
 */
public record RunEnd(EndCause cause, boolean good, String detail, String reason) {
    private static final String END_NODE = "reached end node ";
    private static final String NO_LISTENER = "no node listens to ";
    private static final String ENDED_GOOD = "ended good: ";
    private static final String ENDED_BAD = "ended bad: ";
    private static final String CANCELLED_BEFORE_START = RunResult.CANCELLED_PREFIX + " before it started: ";
    private static final String CANCELLED = RunResult.CANCELLED_PREFIX + ": ";
    private static final String FAILED = "failed: ";
    private static final String NOT_STARTED = "could not start";

    public RunEnd {
        detail = detail == null ? "" : detail;
        reason = reason == null ? "" : reason;
    }

    /** The run reached end node {@code nodeId}; good as the event that reached it. */
    public static RunEnd endNode(String nodeId, boolean good) {
        return new RunEnd(EndCause.END_NODE, good, nodeId, END_NODE + nodeId);
    }

    /** Nothing listened to {@code tag}, the last event routed; good as that event. */
    public static RunEnd noListener(String tag, boolean good) {
        return new RunEnd(EndCause.NO_LISTENER, good, tag, (good ? ENDED_GOOD : ENDED_BAD) + NO_LISTENER + tag);
    }

    /** Cancelled while active, for {@code why} (e.g. {@code by alice}). */
    public static RunEnd cancelled(String why) {
        return new RunEnd(EndCause.CANCELLED, false, why, CANCELLED + why);
    }

    /** Cancelled while pending, for {@code why}. */
    public static RunEnd cancelledBeforeStart(String why) {
        return new RunEnd(EndCause.CANCELLED_BEFORE_START, false, why, CANCELLED_BEFORE_START + why);
    }

    /** The host could not go on with the run, for {@code why}. */
    public static RunEnd failed(String why) {
        return new RunEnd(EndCause.FAILED, false, why, FAILED + why);
    }

    /** How the run ended for the API: good, bad, or cancelled (a cancelled run is not bad). */
    public RunResult result() {
        return good ? RunResult.GOOD
                : cause == EndCause.CANCELLED || cause == EndCause.CANCELLED_BEFORE_START ? RunResult.CANCELLED
                : RunResult.BAD;
    }

    /** Whether the run was cancelled, before or after it started. */
    public boolean cancelled() {
        return result() == RunResult.CANCELLED;
    }

    /** The end node it reached, if it ended at one. */
    public Optional<String> endNode() {
        return cause == EndCause.END_NODE ? Optional.of(detail) : Optional.empty();
    }

    /**
     * Reads a stored end reason back (the store keeps the text the hub wrote, also for runs archived before this
     * type): the only place that looks at the wording. A text it does not know is a failure, as a bad run's reason.
     */
    public static RunEnd read(boolean good, String reason) {
        String r = reason == null ? "" : reason;
        EndCause cause;
        String detail;
        if (r.startsWith(END_NODE)) {
            cause = EndCause.END_NODE;
            detail = r.substring(END_NODE.length());
        } else if (r.startsWith(ENDED_GOOD + NO_LISTENER) || r.startsWith(ENDED_BAD + NO_LISTENER)) {
            cause = EndCause.NO_LISTENER;
            detail = r.substring(r.indexOf(NO_LISTENER) + NO_LISTENER.length());
        } else if (r.startsWith(CANCELLED_BEFORE_START)) {
            cause = EndCause.CANCELLED_BEFORE_START;
            detail = r.substring(CANCELLED_BEFORE_START.length());
        } else if (r.startsWith(RunResult.CANCELLED_PREFIX)) {
            cause = EndCause.CANCELLED;
            detail = r.startsWith(CANCELLED) ? r.substring(CANCELLED.length()) : r;
        } else if (r.startsWith(NOT_STARTED)) {
            cause = EndCause.NOT_STARTED;
            detail = r;
        } else {
            cause = EndCause.FAILED;
            detail = r.startsWith(FAILED) ? r.substring(FAILED.length()) : r;
        }
        return new RunEnd(cause, good, detail, r);
    }
}
