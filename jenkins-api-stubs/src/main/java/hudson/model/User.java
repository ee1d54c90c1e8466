package hudson.model;

/** Stand-in for {@code hudson.model.User} (compile only). */
public class User {
    private User() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    /** The user of the current request, or null when anonymous. */
    public static User current() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
