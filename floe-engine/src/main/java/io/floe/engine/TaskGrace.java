package io.floe.engine;

import io.floe.engine.spi.StoreSettings;
import java.time.Duration;

/**
 * How long a task may outlive its host after a planned restart that keeps tasks ({@code common.task-grace}, issue 16
 * part 2): the one place for the rule. Zero means tasks are stopped with their host, as before.
 */
final class TaskGrace {
    static final Duration DEFAULT = Duration.ofMinutes(10);

    private TaskGrace() {}

    /**
     * The grace this host's guard gets: the configured one (null: {@link #DEFAULT}); none on a memory store (a
     * restarted host has no runs to reattach tasks to); on a shared store at most a third of the host lease, so a task
     * is stopped well before another host may take its run over (the lease runs from the last renewal, which is at
     * most a third of the lease before the host left).
     */
    static Duration effective(Duration configured, StoreSettings store) {
        Duration grace = configured == null ? DEFAULT : configured;
        return switch (store.type()) {
            case "memory" -> Duration.ZERO;
            case "local" -> grace;
            default -> min(grace, store.hostLease().dividedBy(3));
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
