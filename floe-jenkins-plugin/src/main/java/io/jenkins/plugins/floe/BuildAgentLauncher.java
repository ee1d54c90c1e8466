package io.jenkins.plugins.floe;

import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import io.floe.engine.embed.AgentLauncher;
import io.floe.engine.embed.AgentSpec;
import io.floe.engine.spi.LaunchedProcess;
import java.io.IOException;

/**
 * Starts exec tasks through the build's {@link Launcher}: on the build's agent, in its workspace, with the build's
 * environment, so Jenkins' process-tree killer and agent configuration apply as to any build step.
 */
final class BuildAgentLauncher implements AgentLauncher {
    private final FilePath workspace;
    private final Launcher launcher;

    BuildAgentLauncher(FilePath workspace, Launcher launcher) {
        this.workspace = workspace;
        this.launcher = launcher;
    }

    @Override
    public LaunchedProcess start(AgentSpec spec) throws IOException {
        FilePath dir = spec.directory().isEmpty() ? workspace : workspace.child(spec.directory());
        try {
            dir.mkdirs();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the folder " + dir.getRemote(), e);
        }
        // stdout and stderr come back merged through Proc.getStdout(); the engine writes the command line itself
        Proc proc = launcher.launch().cmds(spec.command()).envs(spec.environment()).pwd(dir).readStdout()
                .quiet(true).start();
        return new BuildProcess(proc, spec.command().get(0));
    }
}
