package hudson.model;

/** Stand-in for {@code hudson.model.Action} (compile only): something shown on a model object's page. */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
