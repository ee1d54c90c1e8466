package io.floe.engine.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task the last process of this host detached on a planned restart (issue 16 part 2), found in the task ledger:
 * still running, or ended while the host was down with its status recorded. The next process reattaches it: beats
 * into its guard process's FIFO (so that no longer stops it at the end of the grace period), reads its spooled output
 * from where the last process stopped logging, and takes its status. Or it stops it, when no run claims it.
 */
public final class DetachedTask implements Detachable {
    private static final Logger log = LoggerFactory.getLogger(DetachedTask.class);
    /** How often the spooled output is looked at for more once all of it was read. */
    private static final long POLL_MILLIS = 50;
    /**
     * How long the status of a task that is gone is awaited from the guard process that keeps it (which writes it once
     * the last output is in the file, waiting 2 s at most for a process the task left holding its output).
     */
    static final long STATUS_WAIT_MILLIS = 5_000;
    private static final long GIVE_UP_KILL_MILLIS = 60_000;

    private final GuardLedger ledger;
    private final long sid;
    /** When the session's leader started (clock ticks since boot): tells our session from a later one of that id. */
    private final long leaderStart;
    private final String token;
    private final Detachment detachment;
    private final boolean running;
    private final Duration deadline;
    private final Path base;
    private volatile boolean killed;
    private BeatFifo beats;
    private ScheduledFuture<?> beating;
    private java.util.Set<DetachedTask> registry = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private java.util.function.Supplier<Detachment> onDetach;
    private boolean detached;

    DetachedTask(GuardLedger ledger, long sid, long leaderStart, String token, Detachment detachment, boolean running,
            Duration deadline) {
        this.ledger = ledger;
        this.sid = sid;
        this.leaderStart = leaderStart;
        this.token = token;
        this.detachment = detachment;
        this.running = running;
        this.deadline = deadline;
        this.base = ledger.base(token);
    }

    /** The ledger's name for its files. */
    String token() {
        return token;
    }

    /** Whose task this is and how far its output was logged. */
    public Detachment detachment() {
        return detachment;
    }

    /** Registers with the guard's reattached tasks while it is followed, so a planned restart detaches it again. */
    void guardedBy(java.util.Set<DetachedTask> tasks) {
        this.registry = tasks;
    }

    @Override
    public synchronized void onDetach(java.util.function.Supplier<Detachment> handler) {
        this.onDetach = handler;
    }

    /** Another planned restart: records how far the output was logged now and tells the guard, as the first time. */
    synchronized boolean detach() {
        if (beats == null || onDetach == null || detached) {
            return false;
        }
        Detachment d = onDetach.get();
        if (d == null) {
            return false;
        }
        try {
            ledger.recordDetached(token, d);
            beats.write('d');
        } catch (IOException | RuntimeException e) {
            log.error("could not detach {} again ({}): it is stopped with this host", this, e.getMessage());
            return false;
        }
        detached = true;
        stopBeating();
        return true;
    }

    static boolean hasStatus(Path base) {
        return readStatus(base).isPresent();
    }

    /**
     * Takes over the guard process's heartbeat: from now on it stops the task when this host is silent for the guard's
     * deadline, as for a task this process started. {@code lost} runs when the guard is gone while the task runs (it
     * is then stopped: unwatched, it could outlive this host).
     */
    public synchronized void reattach(ScheduledExecutorService scheduler, Runnable lost) {
        if (!running) {
            return;
        }
        Path fifo = Path.of(base + ".beat");
        awaitFifo(fifo);
        try {
            beats = BeatFifo.open(fifo); // a guard process that died is found by its pid
        } catch (IOException e) {
            log.error("can not reattach task process {} (no heartbeat FIFO {}: {}): stopping it", sid, fifo,
                    e.getMessage());
            lost.run();
            return;
        }
        try {
            beats.write('r'); // the guard process holds this host to the deadline again
        } catch (IOException e) {
            log.error("can not reattach task process {} ({}): stopping it", sid, e.getMessage());
            lost.run();
            return;
        }
        registry.add(this);
        long every = Math.max(1, deadline.toMillis() / 4);
        beating = scheduler.scheduleWithFixedDelay(() -> beat(lost), 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The guard process makes the FIFO once the last process of this host is gone, which may be a moment after this
     * one started: opening it before would create a plain file.
     */
    private void awaitFifo(Path fifo) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(fifo) && ledger.keeperAlive(token) && System.nanoTime() < until) {
            sleep(10);
        }
    }

    private synchronized void beat(Runnable lost) {
        if (beats == null) {
            return;
        }
        try {
            if (!ledger.keeperAlive(token) && readStatus(base).isEmpty()) {
                throw new IOException("the guard process that kept it is gone");
            }
            beats.write('.');
        } catch (IOException e) {
            log.error("the guard process of reattached task process {} died ({}): stopping the task", sid,
                    e.getMessage());
            stopBeating();
            lost.run();
        }
    }

    /**
     * The task's output from where the last process stopped logging; it ends once the task ended (and the processes
     * it left holding its output let go, or {@value #STRAGGLER_MILLIS} ms passed) or was killed.
     */
    public InputStream output() throws IOException {
        Path out = Path.of(base + ".out");
        RandomAccessFile file = new RandomAccessFile(out.toFile(), "r");
        file.seek(Math.min(detachment.offset(), file.length()));
        return new Tail(file);
    }

    /** The task's exit status (128+n for death by signal n), or -1 when it ended without one (it was killed). */
    public int status() {
        return (int) readStatus(base).map(s -> s[0]).orElse(-1L).longValue();
    }

    /** Stops the task's whole session (SIGKILL) and waits until it is gone; not once it was detached again. */
    public void kill() {
        synchronized (this) {
            if (detached) {
                return;
            }
        }
        killed = true;
        long waited = 0;
        while (ProcessSessions.stillLedBy(sid, leaderStart)
                && (ProcessSessions.kill(sid) > 0 || !ProcessSessions.members(sid).isEmpty())) {
            if (waited >= GIVE_UP_KILL_MILLIS) {
                log.error("processes {} of detached task {} ignore SIGKILL", ProcessSessions.members(sid), sid);
                return;
            }
            sleep(10);
            waited += 10;
        }
    }

    /** Stops the task and forgets it: no run claims it. */
    public void stop() {
        stopBeating();
        kill();
        ledger.forget(sid, token);
    }

    /** The task was reported: its guard process leaves, what it left running stays, and its files go. */
    public synchronized void release() {
        if (detached) {
            return; // its files stay for the next process of this host
        }
        if (beats != null) {
            try {
                beats.write(TaskGuard.RELEASE);
            } catch (IOException e) {
                // the guard process is gone already
            }
        }
        stopBeating();
        ledger.forget(sid, token);
    }

    private synchronized void stopBeating() {
        registry.remove(this);
        if (beating != null) {
            beating.cancel(false);
        }
        if (beats != null) {
            try {
                beats.close();
            } catch (IOException e) {
                // nothing to do
            }
            beats = null;
        }
    }

    /** When the task's session was first seen empty while its guard process still ran (read by the tail only). */
    private long goneAt = -1;

    /** Whether the task ended and all its output is in the file. */
    private boolean ended() {
        if (readStatus(base).isPresent() || killed) {
            return true;
        }
        if (!ProcessSessions.members(sid).isEmpty()) {
            return false;
        }
        if (!ledger.keeperAlive(token)) {
            return true; // nobody will write a status: it was killed
        }
        long now = System.nanoTime();
        if (goneAt < 0) {
            goneAt = now;
        }
        return now - goneAt > TimeUnit.MILLISECONDS.toNanos(STATUS_WAIT_MILLIS);
    }

    /** The status line: {@code <status> -1} (the second field was tee's pid once), complete with its newline. */
    private static Optional<long[]> readStatus(Path base) {
        try {
            String s = Files.readString(Path.of(base + ".status"), StandardCharsets.UTF_8);
            if (!s.endsWith("\n")) {
                return Optional.empty();
            }
            String[] f = s.strip().split(" ");
            return Optional.of(new long[] {Long.parseLong(f[0]), f.length > 1 ? Long.parseLong(f[1]) : -1});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "detached task process " + sid + " (" + detachment.run() + " " + detachment.node() + ")";
    }

    /** Reads the spooled output as it grows, to the task's end. */
    private final class Tail extends BulkInput {
        private final RandomAccessFile file;

        Tail(RandomAccessFile file) {
            this.file = file;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int n = file.read(b, off, len);
                if (n > 0) {
                    return n;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("stopped following " + DetachedTask.this);
                }
                if (ended()) {
                    // the status is written after the last output: what came before it is in the file now
                    n = file.read(b, off, len);
                    return n > 0 ? n : -1;
                }
                sleep(POLL_MILLIS);
            }
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
