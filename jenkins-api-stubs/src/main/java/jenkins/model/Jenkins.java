package jenkins.model;

import hudson.security.ACL;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Stand-in for {@code jenkins.model.Jenkins} (compile only). */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = null;

    private Jenkins() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public Descriptor getDescriptorOrDie(Class<? extends Describable> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    /** The configured root URL with a trailing slash, or null when none is configured. */
    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
