package io.floe.standalone.metrics;

import java.util.Arrays;

/**
 * A Prometheus histogram: counts of observations at or below each upper bound, plus their count and sum. Bounds are
 * cumulative when written, as the format requires; {@code +Inf} equals the count.
 */
final class Histogram {
    /** Task durations in seconds: sub-second steps up to an hour. */
    static final double[] TASK_SECONDS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600};

    /** What a histogram held at one moment. */
    record Snapshot(double[] bounds, long[] cumulative, long count, double sum) {}

    private final double[] bounds;
    private final long[] counts;
    private long count;
    private double sum;

    Histogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.counts = new long[bounds.length];
    }

    synchronized void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i]++;
                break;
            }
        }
        count++;
        sum += value;
    }

    synchronized Snapshot snapshot() {
        long[] cumulative = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i];
            cumulative[i] = running;
        }
        return new Snapshot(Arrays.copyOf(bounds, bounds.length), cumulative, count, sum);
    }
}
