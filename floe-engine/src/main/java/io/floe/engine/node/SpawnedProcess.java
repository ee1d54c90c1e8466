package io.floe.engine.node;

import io.floe.engine.spi.LaunchedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A process started by {@link PosixSpawnLauncher}: its output pipe and its end read through the C library, on the
 * threads that ask (exec reads the output and then waits on one thread, so no thread of floe's only waits). The end is
 * awaited without collecting the process ({@code waitid} with {@code WNOWAIT}) and collected under this object's lock;
 * until then its pid cannot be reused, so {@link #killTree()}, under the same lock, only ever signals this process.
 */
final class SpawnedProcess implements SessionProcess {
    private static final int EINTR = 4;
    private static final int ECHILD = 10;
    private static final int WNOHANG = 1;
    private static final int P_PID = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    /** siginfo_t is 128 bytes on Linux. */
    private static final int SIGINFO_SIZE = 128;

    private final PosixSpawnLibc libc;
    private final jnr.ffi.Runtime runtime;
    private final int pid;
    private final Duration killGrace;
    private final InputStream output;
    private boolean collected;
    private int status;
    private boolean killed;
    private TaskGuard.Watch watch;

    SpawnedProcess(PosixSpawnLibc libc, int pid, int outputFd, Duration killGrace) {
        this.libc = libc;
        this.runtime = jnr.ffi.Runtime.getRuntime(libc);
        this.pid = pid;
        this.killGrace = killGrace;
        this.output = new PipeInput(outputFd);
    }

    @Override
    public InputStream output() {
        return output;
    }

    /** The exit code; 128+n for death by signal n, as Java reports it; -1 when that followed {@link #killTree()}. */
    @Override
    public int waitFor() throws InterruptedException {
        synchronized (this) {
            if (collected) {
                return status;
            }
        }
        awaitEnd();
        synchronized (this) {
            if (!collected) {
                int[] raw = new int[1];
                int result;
                do {
                    result = libc.waitpid(pid, raw, WNOHANG);
                } while (result < 0 && runtime.getLastError() == EINTR);
                if (result != pid) {
                    throw new IllegalStateException("could not collect the status of process " + pid + ": "
                            + (result < 0 ? libc.strerror(runtime.getLastError()) : "it has not ended"));
                }
                status = decode(raw[0]);
                collected = true;
                if (watch != null) {
                    watch.release();
                }
            }
            return status;
        }
    }

    /** Blocks until the process has ended, leaving it to be collected. */
    private void awaitEnd() throws InterruptedException {
        Pointer info = Memory.allocateDirect(runtime, SIGINFO_SIZE, true);
        while (true) {
            int result = libc.waitid(P_PID, pid, info, WEXITED | WNOWAIT);
            // the kernel writes into info until waitid returns: it must not be freed before (see NativeStrings)
            java.lang.ref.Reference.reachabilityFence(info);
            if (result == 0) {
                return;
            }
            int errno = runtime.getLastError();
            if (errno == ECHILD) {
                return; // collected meanwhile by another waiter
            }
            if (errno != EINTR) {
                throw new IllegalStateException("could not wait for process " + pid + ": " + libc.strerror(errno));
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted waiting for process " + pid);
            }
        }
    }

    private int decode(int raw) {
        int signal = raw & 0x7f;
        if (signal == 0) {
            return (raw >> 8) & 0xff;
        }
        return killed ? -1 : 128 + signal;
    }

    synchronized void watchedBy(TaskGuard.Watch w) {
        this.watch = w;
    }

    /**
     * Its watcher died: SIGKILL to the task's session, which it leads (not yet collected, so the id is still its); false
     * when the task had been collected.
     */
    synchronized boolean killSession() {
        if (!collected) {
            killed = true;
            ProcessSessions.kill(pid);
            return true;
        }
        return false;
    }

    /**
     * SIGKILL to the task's session (its guard acts: the host died or fell silent), reported as death by SIGKILL, not
     * as a stop asked for; nothing once it was collected.
     */
    @Override
    public synchronized void killSessionUnasked() {
        if (!collected) {
            ProcessSessions.kill(pid);
        }
    }

    /** Its pid, which is also its session's id when started in a session of its own. */
    @Override
    public long pid() {
        return pid;
    }

    @Override
    public void killTree() {
        killTree(killGrace);
    }

    /** As {@link #killTree()}, with SIGKILL after {@code grace}. */
    @Override
    public synchronized void killTree(Duration grace) {
        if (collected) {
            return; // ended and collected: its pid may be someone else's now
        }
        killed = true;
        ProcessHandle.of(pid).ifPresent(h -> ProcessTree.stop(h, grace));
    }

    @Override
    public String toString() {
        return "process " + pid;
    }

    /** The read end of the output pipe; closed at its end, since exec reads to the end and does not close it. */
    private final class PipeInput extends BulkInput {
        private static final long FIONREAD = 0x541B;
        private final int fd;
        private volatile boolean closed;

        PipeInput(int fd) {
            this.fd = fd;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            byte[] into = off == 0 ? b : new byte[len];
            long n;
            int errno = 0;
            synchronized (this) {
                if (closed) {
                    return -1;
                }
                do {
                    n = libc.read(fd, into, len);
                    errno = n < 0 ? runtime.getLastError() : 0;
                } while (errno == EINTR);
                if (n <= 0) {
                    close(); // the end of the output (or a broken pipe): nothing more will come
                    if (n < 0) {
                        throw new IOException("reading the output of process " + pid + " failed: "
                                + libc.strerror(errno));
                    }
                    return -1;
                }
            }
            if (into != b) {
                System.arraycopy(into, 0, b, off, (int) n);
            }
            return (int) n;
        }

        /** The bytes waiting in the pipe. Not under the lock a blocked read holds: it asks while the reader waits. */
        @Override
        public int available() {
            if (closed) {
                return 0;
            }
            int[] count = new int[1];
            return libc.ioctl(fd, FIONREAD, count) == 0 ? Math.max(0, count[0]) : 0;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                libc.close(fd);
            }
        }
    }
}
