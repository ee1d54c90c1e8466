package hudson.model;

/** Stand-in for {@code hudson.model.TopLevelItemDescriptor} (compile only). */
public abstract class TopLevelItemDescriptor extends Descriptor<TopLevelItem> {
    protected TopLevelItemDescriptor(Class<? extends TopLevelItem> clazz) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    protected TopLevelItemDescriptor() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getDescription() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getCategoryId() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getIconClassName() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract TopLevelItem newInstance(ItemGroup parent, String name);
}
