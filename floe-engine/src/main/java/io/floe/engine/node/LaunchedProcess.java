package io.floe.engine.node;

import java.io.InputStream;

/** A started process: its merged stdout and stderr, its exit status, and a way to kill it with all its children. */
public interface LaunchedProcess {
    /** stdout and stderr merged, as the task output. */
    InputStream output();

    /** Waits for the process to end; its exit code, or -1 if a signal killed it. */
    int waitFor() throws InterruptedException;

    /** Kills the process and every process it started. Safe to call more than once, and after it ended. */
    void killTree();
}
