package io.floe.engine.run;

/**
 * Why a run ended, as a value: the hub decides on it, the run view and the API show it; the end reason text is only
 * its wording ({@link RunEnd}).
 */
public enum EndCause {
    /** The run reached one of its end nodes. */
    END_NODE,
    /** The last event routed had no listener: the run ended good or bad as that event was. */
    NO_LISTENER,
    /** Cancelled while active, by a person, a script or the host. */
    CANCELLED,
    /** Cancelled while it was still pending. */
    CANCELLED_BEFORE_START,
    /** The host could not start it (its workspace, its flow…). */
    NOT_STARTED,
    /** The host could not go on with it: a routing loop, a run to re-run from that is gone, or any other failure. */
    FAILED
}
