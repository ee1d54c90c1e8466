package hudson;

import java.io.IOException;
import java.io.Serializable;

/** Stand-in for {@code hudson.FilePath} (compile only): a file on the controller or an agent. */
public final class FilePath implements Serializable {
    private static final long serialVersionUID = 1L;

    private FilePath() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public String readToString() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    /** The files under this folder that the Ant-style {@code includes} match, run where the file is. */
    public FilePath[] list(String includes, String excludes, boolean defaultExcludes)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    /** The target of this symbolic link, or null when it is not one. */
    public String readLink() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stand-in");
    }
}
