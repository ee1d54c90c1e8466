package io.floe.engine.node.exec;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A process's output as its reader takes it, telling when the reader has caught up: it waits for more and there is
 * none to read. Once a program has ended, only output that comes after that moment can be a leftover process's; what
 * the program wrote before may still be on its way (in the pipe, in frames from the guard process, queued behind a
 * slow log), and a wait for leftovers counted from the end itself would cut that off.
 */
final class CatchUpInput extends InputStream {
    private final InputStream in;
    private final AtomicReference<Runnable> waiting = new AtomicReference<>();
    private ScheduledExecutorService scheduler;
    private Duration grace;
    /** Whether the reader is in a read (waiting for output or about to take it). */
    private volatile boolean reading;
    /** Reads that returned: a read still running after a whole grace with the same count waited all that time. */
    private volatile long reads;

    CatchUpInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        reading = true; // published before the check, as afterCaughtUp sets before it looks: one of the two sees it
        try {
            if (waiting.get() != null && in.available() == 0) {
                caughtUp();
            }
            return in.read(b, off, len);
        } finally {
            reads++; // only the reader writes it
            reading = false;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Runs {@code action} once, {@code grace} after the reader first waits for output with none to read. A reader in
     * a read now is asked again when that read returns; one still in the same read after the whole grace has waited
     * for output all that time, and the action runs then. Only the reader looks at what is there to read: a stream's
     * lock may be held by a blocked read.
     */
    void afterCaughtUp(Duration grace, ScheduledExecutorService scheduler, Runnable action) {
        this.grace = grace;
        this.scheduler = scheduler;
        waiting.set(action);
        if (reading) {
            long at = reads;
            scheduler.schedule(() -> {
                if (reading && reads == at) {
                    run(waiting.getAndSet(null));
                }
            }, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void caughtUp() {
        Runnable action = waiting.getAndSet(null);
        if (action != null) {
            scheduler.schedule(action, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void run(Runnable action) {
        if (action != null) {
            action.run();
        }
    }
}
