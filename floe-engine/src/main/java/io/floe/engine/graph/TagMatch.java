package io.floe.engine.graph;

/** What an event tag that a node listens for (or waits on) refers to in its flow. */
public enum TagMatch {
    /** {@code trigger.good} in a flow with triggers, or {@code task.<id>.<x>} / {@code merge.<id>.<x>} of an existing node. */
    MATCHED,
    /** Not of the form {@code trigger.good} or {@code <class>.<id>.<result>}: no node can ever emit it. */
    MALFORMED,
    /** Well formed, but no node of the flow emits it (e.g. {@code task.x.good} with no task {@code x}). */
    UNMATCHED
}
