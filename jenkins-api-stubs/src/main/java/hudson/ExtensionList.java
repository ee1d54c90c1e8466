package hudson;

/** Stand-in for {@code hudson.ExtensionList} (compile only): the lookup the plugin uses. */
public class ExtensionList<T> {
    private ExtensionList() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
