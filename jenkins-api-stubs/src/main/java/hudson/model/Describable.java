package hudson.model;

/** Stand-in for {@code hudson.model.Describable} (compile only). */
public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
