package hudson.tasks;

/** Stand-in for {@code hudson.tasks.BuildStep} (compile only). */
public interface BuildStep {
    BuildStepMonitor getRequiredMonitorService();
}
