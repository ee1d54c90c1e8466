package io.floe.engine.embed;

import java.util.List;
import java.util.Map;

/**
 * A process to start on the machine that holds the build's workspace (a Jenkins agent), with every path as that
 * machine sees it.
 *
 * @param command     the program and its arguments, workspace paths already rewritten to the agent's
 * @param directory   the working folder relative to the build's workspace, with {@code /} between names; empty for
 *                    the workspace itself
 * @param environment the complete environment, {@code FLOEWS} being the build's workspace on the agent
 */
public record AgentSpec(List<String> command, String directory, Map<String, String> environment) {
    public AgentSpec {
        command = List.copyOf(command);
        directory = directory == null ? "" : directory;
        environment = Map.copyOf(environment);
    }
}
