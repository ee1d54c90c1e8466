package jenkins.model.item_category;

/** Stand-in for {@code jenkins.model.item_category.StandaloneProjectsCategory} (compile only). */
public class StandaloneProjectsCategory {
    public static final String ID = "standalone-projects";

    private StandaloneProjectsCategory() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
