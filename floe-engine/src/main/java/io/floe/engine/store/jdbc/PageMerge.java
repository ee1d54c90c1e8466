package io.floe.engine.store.jdbc;

import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds a {@link RunPage} from per-status slices of a listing. Each slice is already newest first, after the cursor,
 * and at most {@code limit + 1} long, so the page is the newest {@code limit} of their union, and one run beyond tells
 * that a next page exists.
 */
public final class PageMerge {
    private PageMerge() {}

    public static RunPage page(Collection<List<RunRecord>> slices, int limit) {
        List<RunRecord> all = new ArrayList<>();
        slices.forEach(all::addAll);
        all.sort((a, b) -> ListingKey.NEWEST_FIRST.compare(ListingKey.of(a), ListingKey.of(b)));
        if (all.size() <= limit) {
            return new RunPage(all, null);
        }
        List<RunRecord> page = all.subList(0, limit);
        return new RunPage(page, RunCursor.of(page.get(limit - 1)));
    }

    /** How many runs to fetch per slice: one more than the page, without overflowing. */
    public static int fetchSize(int limit) {
        return limit == Integer.MAX_VALUE ? limit : limit + 1;
    }
}
