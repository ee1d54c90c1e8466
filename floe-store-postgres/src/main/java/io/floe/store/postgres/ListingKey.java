package io.floe.store.postgres;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunRecord;
import java.time.Instant;
import java.util.Comparator;

/**
 * Where a run sits in a listing, as the engine's stores order it: adoption time in whole milliseconds (a cursor's text
 * carries only milliseconds), then run host, then run number, newest (largest) first. The {@code runs} table keeps
 * the same key in {@code (adopted_ms, run_host, run_n)}, run hosts in the "C" collation so the database and
 * {@link String#compareTo} agree.
 */
record ListingKey(long adoptedMillis, String host, long number) {

    static final Comparator<ListingKey> NEWEST_FIRST = Comparator.comparingLong(ListingKey::adoptedMillis)
            .thenComparing(ListingKey::host)
            .thenComparingLong(ListingKey::number)
            .reversed();

    static ListingKey of(RunRecord r) {
        return new ListingKey(millis(r.adopted()), r.id().hostId(), r.id().id());
    }

    static ListingKey of(RunCursor c) {
        HostedRef run = c.run() == null ? HostedRef.NONE : c.run();
        return new ListingKey(millis(c.adopted()), run.hostId(), run.id());
    }

    /** A run never adopted sorts as the oldest. */
    static long millis(Instant t) {
        return t == null ? Long.MIN_VALUE : t.toEpochMilli();
    }
}
