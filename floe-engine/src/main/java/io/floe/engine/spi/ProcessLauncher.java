package io.floe.engine.spi;

import io.floe.engine.node.TaskGuard;
import java.io.IOException;

/**
 * Starts the processes of {@code exec} tasks. The standalone host starts local processes; the Jenkins plugin starts them
 * on the build's agent. Process start-up bounds exec throughput, so this is the place to swap in a faster spawner.
 */
public interface ProcessLauncher {
    /** Starts the process; an {@link IOException} means it could not be started (e.g. no such program). */
    LaunchedProcess start(ProcessSpec spec) throws IOException;

    /**
     * Whether this launcher finds a bare program name ({@code make}) on the machine that runs it. A launcher that starts
     * processes on another machine (a Jenkins agent) says yes, so exec does not look the name up on this machine's disk.
     */
    default boolean findsProgramsItself() {
        return false;
    }

    /**
     * This launcher with each process started under {@code guard}, so it cannot outlive the host (see
     * {@link TaskGuard}); a launcher whose processes live elsewhere (a Jenkins agent) is returned as it is.
     */
    default ProcessLauncher guardedBy(TaskGuard guard) {
        return this;
    }
}
