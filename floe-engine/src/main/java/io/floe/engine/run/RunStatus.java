package io.floe.engine.run;

/** Where a run is in its life: pending (a "pend"), active, or archived. */
public enum RunStatus {
    PENDING,
    ACTIVE,
    ARCHIVED
}
