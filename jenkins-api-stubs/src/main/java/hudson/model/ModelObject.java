package hudson.model;

/** Stand-in for {@code hudson.model.ModelObject} (compile only). */
public interface ModelObject {
    String getDisplayName();
}
