package hudson.model;

import java.io.File;
import java.io.IOException;

/** Stand-in for {@code hudson.model.Build} (compile only): a freestyle build. */
public abstract class Build<P extends Project<P, B>, B extends Build<P, B>> extends AbstractBuild<P, B> {
    protected Build(P project) throws IOException {
        super(project);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    protected Build(P project, File buildDir) throws IOException {
        super(project, buildDir);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
