package hudson.model;

import java.io.File;
import java.io.IOException;

/** Stand-in for {@code hudson.model.AbstractBuild} (compile only). */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    protected AbstractBuild(P job) throws IOException {
        super(job);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    protected AbstractBuild(P project, File buildDir) throws IOException {
        super(project, buildDir);
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract void run();
}
