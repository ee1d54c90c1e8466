package jenkins.util;

import hudson.model.BuildListener;
import hudson.model.TaskListener;
import java.io.PrintStream;

/** Stand-in for {@code jenkins.util.BuildListenerAdapter} (compile only): a TaskListener as a BuildListener. */
public final class BuildListenerAdapter implements BuildListener {
    public BuildListenerAdapter(TaskListener delegate) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static BuildListener wrap(TaskListener l) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public PrintStream getLogger() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
