package jenkins.model;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import java.io.IOException;
import java.util.Map;

/** Stand-in for {@code jenkins.model.ArtifactManager} (compile only): where a build's artifacts are kept. */
public abstract class ArtifactManager {
    /** @param artifacts archive paths mapped to paths relative to {@code workspace} */
    public abstract void archive(FilePath workspace, Launcher launcher, BuildListener listener,
            Map<String, String> artifacts) throws IOException, InterruptedException;
}
