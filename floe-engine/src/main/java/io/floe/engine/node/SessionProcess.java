package io.floe.engine.node;

import io.floe.engine.spi.LaunchedProcess;
import java.time.Duration;

/** A task process that leads a session of its own, as {@link GuardProcess} starts and watches it. */
interface SessionProcess extends LaunchedProcess {
    /** Its pid: also its session's id. */
    long pid();

    /** As {@link #killTree()}, with SIGKILL after {@code grace}. */
    void killTree(Duration grace);

    /** SIGKILL to its whole session, reported as death by SIGKILL (not as a stop that was asked for). */
    void killSessionUnasked();
}
