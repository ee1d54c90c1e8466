package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.IOException;
import java.util.Collection;

/**
 * Stand-in for {@code hudson.model.Item} (compile only): the permissions the plugin checks, and the abstract methods
 * of the real interface, so a class that implements it without the real supertypes fails to compile here too.
 */
public interface Item extends PersistenceRoot, ModelObject, AccessControlled {
    Permission READ = null;
    Permission BUILD = null;
    Permission CONFIGURE = null;

    ItemGroup<? extends Item> getParent();

    Collection<? extends Job> getAllJobs();

    String getName();

    String getFullName();

    @Override
    String getDisplayName();

    String getFullDisplayName();

    String getUrl();

    String getShortUrl();

    void onLoad(ItemGroup<? extends Item> parent, String name) throws IOException;

    void onCopiedFrom(Item src);

    @Override
    void save() throws IOException;

    void delete() throws IOException, InterruptedException;
}
