package io.floe.engine.run;

/**
 * Where a run is in its life: pending (a "pend"), active, archived; or, on the host that adopted it, dispatched to
 * another host, which then holds it as active and archived.
 */
public enum RunStatus {
    PENDING,
    ACTIVE,
    ARCHIVED,
    DISPATCHED
}
