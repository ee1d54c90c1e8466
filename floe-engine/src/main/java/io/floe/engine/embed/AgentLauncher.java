package io.floe.engine.embed;

import io.floe.engine.spi.LaunchedProcess;
import java.io.IOException;

/**
 * Starts a process where the build's workspace is, for example through a Jenkins build's {@code Launcher} on its
 * agent. {@link WorkspaceMapping} turns the engine's process specs into {@link AgentSpec}s for it.
 */
@FunctionalInterface
public interface AgentLauncher {
    /** Starts the process; an {@link IOException} means it could not be started. */
    LaunchedProcess start(AgentSpec spec) throws IOException;
}
