package io.floe.standalone;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition a user could observe, with a deadline, instead of sleeping a fixed time. */
public final class Await {
    private Await() {}

    public static void until(BooleanSupplier condition) throws InterruptedException {
        until(condition, Duration.ofSeconds(30));
    }

    public static void until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(25);
        }
    }
}
