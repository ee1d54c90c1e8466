package hudson.security;

/** Stand-in for {@code hudson.security.Permission} (compile only). */
public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
