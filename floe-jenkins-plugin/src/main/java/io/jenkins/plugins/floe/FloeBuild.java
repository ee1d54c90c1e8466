package io.jenkins.plugins.floe;

import hudson.model.Build;
import java.io.File;
import java.io.IOException;

/**
 * A build of a {@link FloeProject}. Core's freestyle build does the work (workspace, checkout, wrappers, the build
 * steps, publishers, abort); the project's first build step is its floe step. Jenkins creates builds by reflection
 * with exactly these two constructors.
 */
public final class FloeBuild extends Build<FloeProject, FloeBuild> {
    public FloeBuild(FloeProject project) throws IOException {
        super(project);
    }

    public FloeBuild(FloeProject project, File buildDir) throws IOException {
        super(project, buildDir);
    }
}
