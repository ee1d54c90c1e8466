package hudson.model;

/** Stand-in for {@code hudson.model.BuildableItem} (compile only): an item that can be built. */
public interface BuildableItem extends Item {}
