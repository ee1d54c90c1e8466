package hudson.tasks;

/** Stand-in for {@code hudson.tasks.BuildStepCompatibilityLayer} (compile only). */
public abstract class BuildStepCompatibilityLayer implements BuildStep {
    public BuildStepCompatibilityLayer() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
