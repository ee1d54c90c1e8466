package io.floe.engine.store.jdbc;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunRecord;
import java.time.Instant;
import java.util.Comparator;

/**
 * Where a run sits in a listing: adoption time (whole milliseconds, because a {@link RunCursor}'s text form carries
 * only milliseconds and a cursor must compare exactly against the rows it came from), then run host, then run number,
 * all newest (largest) first. Public for stores outside this package, which must order runs the same way.
 */
public record ListingKey(long adoptedMillis, String host, long number) {

    /** Listing order: newest first. */
    public static final Comparator<ListingKey> NEWEST_FIRST = Comparator.comparingLong(ListingKey::adoptedMillis)
            .thenComparing(ListingKey::host)
            .thenComparingLong(ListingKey::number)
            .reversed();

    public static ListingKey of(RunRecord r) {
        return new ListingKey(millis(r.adopted()), r.id().hostId(), r.id().id());
    }

    public static ListingKey of(RunCursor c) {
        HostedRef run = c.run() == null ? HostedRef.NONE : c.run();
        return new ListingKey(millis(c.adopted()), run.hostId(), run.id());
    }

    /** A run never adopted (which the hub does not store) sorts as the oldest. */
    public static long millis(Instant t) {
        return t == null ? Long.MIN_VALUE : t.toEpochMilli();
    }

    /** Binds this key to the three parameters from {@code index} on (adopted ms, host, number); the next index. */
    public int bind(java.sql.PreparedStatement p, int index) throws java.sql.SQLException {
        p.setLong(index, adoptedMillis);
        p.setString(index + 1, host);
        p.setLong(index + 2, number);
        return index + 3;
    }
}
