package hudson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Stand-in for {@code hudson.Proc} (compile only): a process started by a {@link Launcher}. */
public abstract class Proc {
    private Proc() {
        throw new UnsupportedOperationException("compile-only stand-in");
    }

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    public abstract InputStream getStdout();

    public abstract InputStream getStderr();

    public abstract OutputStream getStdin();
}
