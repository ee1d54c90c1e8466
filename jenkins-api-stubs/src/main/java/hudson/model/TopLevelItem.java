package hudson.model;

import hudson.ExtensionPoint;

/** Stand-in for {@code hudson.model.TopLevelItem} (compile only): an item of the New Item page. */
public interface TopLevelItem extends Item, ExtensionPoint, Describable<TopLevelItem> {
    @Override
    TopLevelItemDescriptor getDescriptor();
}
