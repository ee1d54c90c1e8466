package io.floe.standalone.notify;

import java.time.Duration;

/**
 * How hard a notice is pushed: at most {@code attempts} tries, waiting {@code firstWait} before the second and twice
 * as long before each next; each try gives up after {@code timeout} (a receiver that never answers); at most
 * {@code maxInFlight} notices are under way at once, and more are dropped with a log line rather than queued without
 * bound.
 */
public record DeliveryPolicy(int attempts, Duration firstWait, Duration timeout, int maxInFlight) {
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(10),
            200);

    public DeliveryPolicy {
        if (attempts < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("attempts and maxInFlight must be at least 1");
        }
    }

    /** The wait before try {@code next} (2 for the first retry): firstWait, then doubling. */
    public Duration waitBefore(int next) {
        return firstWait.multipliedBy(1L << Math.min(next - 2, 20));
    }

    /** A receiver's answer worth another try: 429 (slow down) and 5xx (its own trouble); other answers are final. */
    static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }
}
