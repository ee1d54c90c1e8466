package io.floe.engine.node;

import io.floe.engine.spi.LaunchedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A task running under this host's {@link GuardProcess}, as the host sees it: its output arrives in frames, its status
 * in one; stopping it asks the guard, its parent, which alone can signal it without a pid-reuse hazard.
 */
final class GuardedTask implements LaunchedProcess, Detachable {
    private final GuardClient guard;
    private final int id;
    private final Duration killGrace;
    /** The ledger's name for its files when it can be detached on a planned restart; null: it can not. */
    private final String token;
    private java.util.function.Supplier<Detachment> onDetach;
    private boolean detached;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final Output output = new Output();
    private long pid = -1;
    private long startTime = -1;
    private String failure;
    private boolean outputEnded;
    private boolean ended;
    private boolean killed;
    private int status;
    private GuardLedger.Entry entry = () -> {};
    private final java.util.concurrent.CompletableFuture<Void> end = new java.util.concurrent.CompletableFuture<>();

    GuardedTask(GuardClient guard, int id, Duration killGrace, String token) {
        this.guard = guard;
        this.id = id;
        this.killGrace = killGrace;
        this.token = token;
    }

    int id() {
        return id;
    }

    String token() {
        return token;
    }

    @Override
    public java.util.Optional<Detachable> detachable() {
        return token == null ? java.util.Optional.empty() : java.util.Optional.of(this);
    }

    @Override
    public synchronized void onDetach(java.util.function.Supplier<Detachment> handler) {
        this.onDetach = handler;
    }

    /**
     * A planned restart: records where the task's output was logged up to and whose task it is, and which guard keeps
     * it (pid and start time, for the next process of the host), then tells the guard. False when the task can not be
     * detached or has ended (it is then reported as usual).
     */
    boolean detach(GuardLedger ledger) {
        java.util.function.Supplier<Detachment> handler;
        synchronized (this) {
            if (token == null || onDetach == null || detached || ended || pid < 0) {
                return false;
            }
            handler = onDetach;
        }
        Detachment d = handler.get();
        if (d == null) {
            return false;
        }
        try {
            ledger.recordDetached(token, d);
            ledger.recordKeeper(token, guard.pid(), guard.startTime());
            synchronized (this) {
                detached = true; // before the frame: an end crossing it on the pipe must leave the ledger alone
            }
            guard.detach(id);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                detached = false;
            }
            org.slf4j.LoggerFactory.getLogger(GuardedTask.class).error("could not detach task process {} ({}): it is"
                    + " stopped with this host", pid, e.getMessage());
            return false;
        }
        return true;
    }

    synchronized void awaitStarted() throws IOException, InterruptedException {
        while (pid < 0 && failure == null && !ended) {
            wait();
        }
        if (failure != null) {
            throw new IOException(failure);
        }
    }

    synchronized void started(long pid, long startTime, GuardLedger.Entry entry) {
        this.pid = pid;
        this.startTime = startTime;
        this.entry = entry;
        notifyAll();
    }

    synchronized void failed(String message) {
        failure = message;
        notifyAll();
    }

    /** Output from the guard; true when this was the end of it and the task has ended too. */
    synchronized boolean output(byte[] bytes, int length) {
        if (length == 0) {
            outputEnded = true;
        } else {
            chunks.add(bytes.length == length ? bytes : java.util.Arrays.copyOf(bytes, length));
        }
        notifyAll();
        return outputEnded && ended;
    }

    /** The task ended with {@code status}; true when its output has ended too. */
    boolean ended(int status) {
        GuardLedger.Entry e;
        synchronized (this) {
            this.status = killed && status == GuardClient.SIGKILLED ? -1 : status;
            ended = true;
            // a detached task's files stay for the next process of this host (the guard records its status)
            e = detached ? () -> {} : entry;
            notifyAll();
        }
        e.remove();
        end.complete(null);
        synchronized (this) {
            return outputEnded;
        }
    }

    /** Completed by the guard's reader thread: no thread waits per task. */
    @Override
    public java.util.concurrent.CompletableFuture<Void> ended(java.util.concurrent.Executor waiters) {
        return end.thenApplyAsync(v -> v, waiters);
    }

    /** Its guard process died: SIGKILL to its session if it is still this task's, and it ends as killed. */
    void stopOrphaned() {
        long p;
        long start;
        synchronized (this) {
            p = pid;
            start = startTime;
        }
        if (p > 0 && ProcessSessions.stillLedBy(p, start)) {
            ProcessSessions.kill(p);
        }
        synchronized (this) {
            if (pid < 0 && failure == null) {
                failure = "Cannot run program: the task guard process died while starting it";
            }
            outputEnded = true;
        }
        ended(GuardClient.SIGKILLED);
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public synchronized int waitFor() throws InterruptedException {
        while (!ended) {
            wait();
        }
        return status;
    }

    @Override
    public void killTree() {
        synchronized (this) {
            if (ended || detached) {
                return; // a detached task is the next process's to stop
            }
            killed = true;
        }
        guard.kill(id, killGrace);
    }

    @Override
    public synchronized String toString() {
        return "process " + pid;
    }

    /**
     * The task's output as the frames bring it; end-of-file after the guard's end-of-output frame. What is read is
     * credited back to the guard half a window at a time, so the frames waiting here stay within one window.
     */
    private final class Output extends BulkInput {
        private byte[] current;
        private int pos;
        /** Bytes read and not yet credited back (only the reader touches it). */
        private int taken;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n;
            synchronized (GuardedTask.this) {
                while (current == null || pos == current.length) {
                    current = chunks.poll();
                    pos = 0;
                    if (current != null) {
                        break;
                    }
                    if (outputEnded) {
                        return -1;
                    }
                    try {
                        GuardedTask.this.wait();
                    } catch (InterruptedException e) {
                        if (!detached) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException("interrupted reading the output of " + this);
                        }
                        // detached: its output is the next process's; the reader waits on, as on a pipe, and must
                        // not carry the interrupt into the task's log (which an interrupted channel would close)
                    }
                }
                n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
            }
            taken += n;
            if (taken >= GuardFrame.Credit.WINDOW / 2) {
                guard.credit(id, taken);
                taken = 0;
            }
            return n;
        }

        /** What a read takes at once: the rest of this chunk, else the next one (0 only when none has come). */
        @Override
        public int available() {
            synchronized (GuardedTask.this) {
                int left = current == null ? 0 : current.length - pos;
                byte[] next = chunks.peek();
                return left > 0 || next == null ? left : next.length;
            }
        }
    }
}
