package hudson.model;

/** Stand-in for {@code hudson.model.ItemGroup} (compile only). */
public interface ItemGroup<T extends Item> extends ModelObject {}
