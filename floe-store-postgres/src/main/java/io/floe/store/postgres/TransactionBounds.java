package io.floe.store.postgres;

import java.time.Duration;

/**
 * How long any transaction of floe may hold what it locked, derived from the host lease and set by floe on each of its
 * connections, so that no host, frozen or slow, can stall another host for longer than part of a lease:
 * <ul>
 * <li>{@code idle_in_transaction_session_timeout}: the server ends the session of a host that stopped talking in the
 * middle of a transaction (it was frozen, or its network stalled), releasing its locks, well before its lease lapses
 * and another host wants to declare it lost;</li>
 * <li>{@code lock_timeout}: no statement waits longer than that for another transaction's lock;</li>
 * <li>{@code statement_timeout}: no statement runs longer than half a lease.</li>
 * </ul>
 *
 * @param idleInTransaction the longest silence of a client inside a transaction
 * @param lockWait          the longest wait for a lock
 * @param statement         the longest statement
 */
record TransactionBounds(Duration idleInTransaction, Duration lockWait, Duration statement) {
    private static final Duration FLOOR = Duration.ofMillis(200);

    /** A quarter of the lease for silences and lock waits, half of it for a statement. */
    static TransactionBounds forLease(Duration lease) {
        return new TransactionBounds(atLeast(lease.dividedBy(4), FLOOR), atLeast(lease.dividedBy(4), FLOOR),
                atLeast(lease.dividedBy(2), Duration.ofSeconds(1)));
    }

    private static Duration atLeast(Duration d, Duration min) {
        return d.compareTo(min) < 0 ? min : d;
    }

    /** The server settings, as {@code -c} switches of the connection's {@code options} parameter. */
    String options() {
        return "-c idle_in_transaction_session_timeout=" + idleInTransaction.toMillis()
                + " -c lock_timeout=" + lockWait.toMillis()
                + " -c statement_timeout=" + statement.toMillis();
    }
}
