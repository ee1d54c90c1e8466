package hudson.tasks;

/** Stand-in for {@code hudson.tasks.BuildStepMonitor} (compile only). */
public enum BuildStepMonitor {
    NONE,
    STEP,
    BUILD
}
