package io.floe.engine.node;

import java.io.IOException;

/**
 * Starts the processes of {@code exec} tasks. The standalone host starts local processes; the Jenkins plugin starts them
 * on the build's agent. Process start-up bounds exec throughput, so this is the place to swap in a faster spawner.
 */
public interface ProcessLauncher {
    /** Starts the process; an {@link IOException} means it could not be started (e.g. no such program). */
    LaunchedProcess start(ProcessSpec spec) throws IOException;
}
