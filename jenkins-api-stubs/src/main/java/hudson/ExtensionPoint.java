package hudson;

/** Stand-in for {@code hudson.ExtensionPoint} (compile only). */
public interface ExtensionPoint {}
