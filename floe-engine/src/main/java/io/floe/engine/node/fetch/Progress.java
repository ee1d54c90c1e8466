package io.floe.engine.node.fetch;

import io.floe.engine.node.Durations;
import io.floe.engine.spi.OutputSink;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The progress of one response body: a line {@code <done> / <size> bytes (<pct>%)} every 300 ms, as the original
 * printed, and the idle-read watchdog: when no byte has arrived for the read timeout the transfer is aborted.
 * Only the downloading thread adds bytes.
 */
final class Progress {
    static final long TICK_MILLIS = 300;

    private final OutputSink out;
    private final long total;
    private final Duration idleLimit;
    private final TransferGuard guard;
    private final long startNanos = System.nanoTime();
    private volatile long done;
    private volatile long lastDataNanos = startNanos;
    private ScheduledFuture<?> ticker;
    private boolean finished;

    /**
     * @param start bytes already there (a resumed download)
     * @param total the whole size, or -1 when the server did not say
     */
    Progress(OutputSink out, long start, long total, Duration idleLimit, TransferGuard guard) {
        this.out = out;
        this.done = start;
        this.total = total;
        this.idleLimit = idleLimit;
        this.guard = guard;
    }

    /** Starts the ticks; without a working scheduler the download goes on without progress lines or watchdog. */
    synchronized void start(ScheduledExecutorService scheduler) {
        try {
            ticker = scheduler.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            ticker = null;
        }
    }

    void add(int n) {
        done += n;
        lastDataNanos = System.nanoTime();
    }

    long done() {
        return done;
    }

    /** {@code <done> of <total> bytes}, for messages. */
    String describe() {
        return total >= 0 ? done + " of " + total + " bytes" : done + " bytes";
    }

    /** Prints the final line, {@code <done> / <size> bytes (100.00%) in <duration>}, and stops the ticks. */
    synchronized void finish() {
        stop();
        long size = total >= 0 ? total : done;
        out.line(String.format(Locale.ROOT, "  %d / %d bytes (%.2f%%) in %s", done, size, percent(done, size),
                took(Duration.ofNanos(System.nanoTime() - startNanos))));
    }

    synchronized void stop() {
        finished = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    private synchronized void tick() {
        if (finished) {
            return;
        }
        if (System.nanoTime() - lastDataNanos > idleLimit.toNanos()) {
            stop();
            guard.abort("no data received for " + Durations.format(idleLimit) + " after " + describe()
                    + "; the part is kept and the next fetch resumes it if the server allows");
            return;
        }
        out.line(total >= 0
                ? String.format(Locale.ROOT, "  %d / %d bytes (%.2f%%)", done, total, percent(done, total))
                : "  " + done + " bytes");
    }

    private static double percent(long done, long size) {
        return size <= 0 ? 100.0 : 100.0 * done / size;
    }

    /** {@code 850ms}, {@code 2.35s}, {@code 1m5s}. */
    static String took(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.2fs", ms / 1000.0);
        }
        return Durations.format(d);
    }
}
