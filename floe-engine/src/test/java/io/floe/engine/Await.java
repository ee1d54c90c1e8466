package io.floe.engine;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait: for a condition a user could observe, checked every few milliseconds, with a deadline
 * that only a hung test reaches (never a fixed sleep, never a time that is part of the assertion). Used by the
 * engine's, the stores' and the host's tests through the engine's test jar.
 */
public final class Await {
    /** Long enough that only something that will never happen reaches it, also on a loaded machine. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;

    private Await() {}

    public static void until(BooleanSupplier condition) {
        until("the condition holds", DEADLINE, condition);
    }

    public static void until(BooleanSupplier condition, Duration deadline) {
        until("the condition holds", deadline, condition);
    }

    /** Waits until {@code condition} holds; fails saying {@code what} was awaited if it does not by {@code deadline}. */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        value(what, deadline, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** Waits until {@code probe} gives a value (not null) and returns it. */
    public static <T> T value(String what, Duration deadline, Supplier<T> probe) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("timed out after " + deadline + " waiting until " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
