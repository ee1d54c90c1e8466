package io.floe.bench;

import io.floe.engine.node.LaunchedProcess;
import io.floe.engine.node.ProcessLauncher;
import io.floe.engine.node.ProcessSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import jnr.constants.platform.Signal;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.posix.SpawnFileAction;

/**
 * Starts exec tasks with C's {@code posix_spawnp} through jnr-posix instead of {@link ProcessBuilder}: stdout and
 * stderr into one pipe, stdin from {@code /dev/null}. posix_spawn has no portable way to set the working directory,
 * so a task with one runs as {@code env -C <dir> <command>} (one more exec, still cheaper than the JVM's own
 * spawn helper). Measured against ProcessBuilder in {@link ExecThroughput}; not used by floe itself.
 */
public final class PosixSpawnLauncher implements ProcessLauncher {
    private static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    private static final int O_RDONLY = 0;

    @Override
    public LaunchedProcess start(ProcessSpec spec) throws IOException {
        List<String> argv = new ArrayList<>();
        if (spec.directory() != null) {
            argv.addAll(List.of("/usr/bin/env", "-C", spec.directory().toString()));
        }
        argv.addAll(spec.command());
        List<String> env = spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        int[] pipe = new int[2];
        if (POSIX.pipe(pipe) != 0) {
            throw new IOException("pipe failed: errno " + POSIX.errno());
        }
        long pid = POSIX.posix_spawnp(argv.get(0), List.of(SpawnFileAction.open("/dev/null", 0, O_RDONLY, 0),
                SpawnFileAction.dup(pipe[1], 1), SpawnFileAction.dup(pipe[1], 2), SpawnFileAction.close(pipe[0]),
                SpawnFileAction.close(pipe[1])), argv, env);
        POSIX.close(pipe[1]);
        if (pid <= 0) {
            POSIX.close(pipe[0]);
            throw new IOException("could not start " + argv + ": errno " + POSIX.errno());
        }
        return new Spawned(pid, pipe[0]);
    }

    /** A process started by posix_spawnp: its output pipe, its exit status by waitpid. */
    private static final class Spawned implements LaunchedProcess {
        private final long pid;
        private final InputStream output;
        private Integer status;

        Spawned(long pid, int fd) {
            this.pid = pid;
            this.output = new InputStream() {
                private final byte[] one = new byte[1];
                private boolean closed;

                @Override
                public int read() {
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    if (closed || len == 0) {
                        return closed ? -1 : 0;
                    }
                    byte[] buf = off == 0 ? b : new byte[len];
                    int n = POSIX.read(fd, buf, len);
                    if (n <= 0) {
                        close(); // the reader does not close it; the pipe's end is the end of the output
                        return -1;
                    }
                    if (buf != b) {
                        System.arraycopy(buf, 0, b, off, n);
                    }
                    return n;
                }

                @Override
                public synchronized void close() {
                    if (!closed) {
                        closed = true;
                        POSIX.close(fd);
                    }
                }
            };
        }

        @Override
        public InputStream output() {
            return output;
        }

        @Override
        public synchronized int waitFor() {
            if (status == null) {
                int[] s = new int[1];
                POSIX.waitpid(pid, s, 0);
                int raw = s[0];
                status = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : -1; // exited, else killed by a signal
            }
            return status;
        }

        @Override
        public void killTree() {
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroy));
            POSIX.kill((int) pid, Signal.SIGTERM.intValue());
        }
    }
}
