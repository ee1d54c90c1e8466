package hudson;

import java.io.IOException;

/** Stand-in for {@code hudson.AbortException} (compile only). */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException(String message) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
