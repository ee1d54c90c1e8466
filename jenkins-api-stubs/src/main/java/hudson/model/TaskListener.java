package hudson.model;

import java.io.PrintStream;

/** Stand-in for {@code hudson.model.TaskListener} (compile only): a build's log. */
public interface TaskListener {
    PrintStream getLogger();
}
