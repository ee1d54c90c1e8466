package io.floe.engine.run;

/** What a node record describes: an executed task, a merge, or a data (form) node. */
public enum NodeKind {
    TASK,
    MERGE,
    DATA
}
