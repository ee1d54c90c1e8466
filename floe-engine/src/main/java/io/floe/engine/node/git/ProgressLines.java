package io.floe.engine.node.git;

import io.floe.engine.spi.Cancellation;
import io.floe.engine.spi.OutputSink;
import java.util.function.LongSupplier;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * Turns JGit's progress into output lines as git prints them ({@code Receiving objects: 50% (5/10)}), at most one line
 * per task every {@code interval} and always one when a task ends ({@code …, done.}), so a big clone does not flood
 * the run's log. JGit asks {@link #isCancelled()} between steps, which is how a cancelled task stops a transfer.
 * Used from one thread at a time (JGit's calling thread).
 */
final class ProgressLines implements ProgressMonitor {
    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final OutputSink out;
    private final Cancellation cancellation;
    private final LongSupplier clock;
    private String title;
    private int total;
    private int done;
    private long lastLine;
    private boolean shown;

    ProgressLines(OutputSink out, Cancellation cancellation) {
        this(out, cancellation, System::nanoTime);
    }

    ProgressLines(OutputSink out, Cancellation cancellation, LongSupplier clock) {
        this.out = out;
        this.cancellation = cancellation;
        this.clock = clock;
    }

    @Override
    public void start(int totalTasks) {
        // git does not print the number of phases either
    }

    @Override
    public void beginTask(String title, int totalWork) {
        endTask();
        this.title = title;
        this.total = totalWork;
        this.done = 0;
        this.shown = false;
        this.lastLine = clock.getAsLong();
    }

    @Override
    public void update(int completed) {
        if (title == null) {
            return;
        }
        done += completed;
        long now = clock.getAsLong();
        if (now - lastLine >= INTERVAL_NANOS) {
            out.line(describe(""));
            lastLine = now;
            shown = true;
        }
    }

    @Override
    public void endTask() {
        if (title == null) {
            return;
        }
        // a task that did no work and was never shown is noise (JGit begins some phases that find nothing to do)
        if (done > 0 || shown) {
            out.line(describe(", done."));
        }
        title = null;
    }

    @Override
    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    @Override
    public void showDuration(boolean enabled) {
        // durations are in the run record already
    }

    private String describe(String suffix) {
        if (total == UNKNOWN) {
            return title + ": " + done + suffix;
        }
        int percent = (int) Math.min(100, Math.round(done * 100.0 / total));
        return title + ": " + String.format("%3d%% (%d/%d)", percent, done, total) + suffix;
    }
}
