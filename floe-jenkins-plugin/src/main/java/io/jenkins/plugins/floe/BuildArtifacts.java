package io.jenkins.plugins.floe;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.floe.engine.artifact.TaskArtifacts;
import io.floe.engine.config.ArtifactGlobs;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.event.RunRef;
import io.floe.engine.spi.OutputSink;
import io.floe.engine.spi.Workspace;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jenkins.util.BuildListenerAdapter;

/**
 * A task's {@code artifacts} archived as the build's artifacts when the task ends, whatever its result. The globs are
 * matched on the build's agent, in the task's folder of the build's workspace; a symbolic link, or a file reached
 * through one, is never archived (Jenkins would copy the link, or what it leads to outside the workspace); the files
 * are copied by the build's artifact manager (the controller's disk, or the storage Jenkins is set up with).
 */
final class BuildArtifacts implements TaskArtifacts {
    private final Run<?, ?> build;
    private final FilePath workspace;
    private final Launcher launcher;
    private final TaskListener listener;

    BuildArtifacts(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener) {
        this.build = build;
        this.workspace = workspace;
        this.launcher = launcher;
        this.listener = listener;
    }

    @Override
    public void keep(RunRef run, NodeConfig node, Map<String, Object> opts, Workspace ws, OutputSink log) {
        List<String> globs = ArtifactGlobs.of(opts);
        if (globs.isEmpty()) {
            return;
        }
        try {
            ArtifactPaths paths = new ArtifactPaths(Opts.string(opts, "sub-dir"), globs);
            if (!paths.folder().isEmpty() && link(paths, "") != null) {
                log.line("artifacts of task " + node.id() + " not archived: its folder " + paths.folder()
                        + " is reached through a symbolic link, " + link(paths, ""));
                return;
            }
            FilePath folder = paths.folder().isEmpty() ? workspace : workspace.child(paths.folder());
            Map<String, String> archive = new TreeMap<>();
            for (FilePath f : folder.exists() ? folder.list(paths.includes(), null, false) : new FilePath[0]) {
                String relative = ArtifactPaths.relative(folder.getRemote(), f.getRemote());
                String link = link(paths, relative);
                if (link != null) {
                    log.line("artifact " + paths.inWorkspace(relative) + " not archived: " + link
                            + " is a symbolic link, and only files of the workspace itself are archived");
                    continue;
                }
                archive.put(paths.inWorkspace(relative), paths.inWorkspace(relative));
            }
            if (archive.isEmpty()) {
                log.line("artifacts: nothing matched " + String.join(", ", globs) + " in " + folder.getRemote());
                return;
            }
            build.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), archive);
            log.line("artifacts: archived " + archive.size() + (archive.size() == 1 ? " file" : " files")
                    + " of task " + node.id() + " as the build's artifacts: " + String.join(", ", archive.keySet()));
        } catch (IOException | IllegalArgumentException e) {
            log.line("artifacts of task " + node.id() + " could not be archived: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.line("artifacts of task " + node.id() + " not archived: the build was stopped");
        }
    }

    /** The first step from the workspace to {@code relative} that is a symbolic link (with its target), or null. */
    private String link(ArtifactPaths paths, String relative) throws IOException, InterruptedException {
        List<String> steps = relative.isEmpty() ? new ArtifactPaths("", List.of()).steps(paths.folder())
                : paths.steps(relative);
        for (String step : steps) {
            String target = workspace.child(step).readLink();
            if (target != null) {
                return step + " (to " + target + ")";
            }
        }
        return null;
    }
}
