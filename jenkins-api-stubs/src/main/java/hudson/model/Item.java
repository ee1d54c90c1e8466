package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Stand-in for {@code hudson.model.Item} (compile only): the permissions the plugin checks. */
public interface Item extends AccessControlled {
    Permission READ = null;
    Permission BUILD = null;
    Permission CONFIGURE = null;
}
