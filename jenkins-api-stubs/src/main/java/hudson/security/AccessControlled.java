package hudson.security;

/** Stand-in for {@code hudson.security.AccessControlled} (compile only). */
public interface AccessControlled {
    /** Abstract as in Jenkins: whatever implements this interface itself must say whose rules apply. */
    ACL getACL();

    /** Throws Spring Security's unchecked {@code AccessDeniedException} when the current user lacks it. */
    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
