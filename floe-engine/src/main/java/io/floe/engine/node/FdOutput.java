package io.floe.engine.node;

import java.io.IOException;
import java.io.OutputStream;

/** The write end of a pipe made through the C library (a guarded task's heartbeat pipe). */
final class FdOutput extends OutputStream {
    private static final int EINTR = 4;

    private final PosixSpawnLibc libc;
    private final jnr.ffi.Runtime runtime;
    private final int fd;
    private boolean closed;

    FdOutput(PosixSpawnLibc libc, int fd) {
        this.libc = libc;
        this.runtime = jnr.ffi.Runtime.getRuntime(libc);
        this.fd = fd;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the pipe is closed");
        }
        byte[] bytes = off == 0 ? b : java.util.Arrays.copyOfRange(b, off, off + len);
        int done = 0;
        while (done < len) {
            byte[] rest = done == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, done, len);
            long n = libc.write(fd, rest, len - done);
            if (n < 0) {
                int errno = runtime.getLastError();
                if (errno == EINTR) {
                    continue;
                }
                throw new IOException(libc.strerror(errno));
            }
            done += (int) n;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
        }
    }
}
