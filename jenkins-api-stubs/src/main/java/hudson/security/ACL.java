package hudson.security;

/** Stand-in for {@code hudson.security.ACL} (compile only): who may do what on one object. */
public abstract class ACL {
    public ACL() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
