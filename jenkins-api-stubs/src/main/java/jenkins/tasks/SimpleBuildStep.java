package jenkins.tasks;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;

/** Stand-in for {@code jenkins.tasks.SimpleBuildStep} (compile only): a step for freestyle jobs and Pipeline. */
public interface SimpleBuildStep extends BuildStep {
    default void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    default boolean requiresWorkspace() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
