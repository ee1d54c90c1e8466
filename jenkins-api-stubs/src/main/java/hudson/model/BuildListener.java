package hudson.model;

/** Stand-in for {@code hudson.model.BuildListener} (compile only): a build's log, as older APIs take it. */
public interface BuildListener extends TaskListener {
}
