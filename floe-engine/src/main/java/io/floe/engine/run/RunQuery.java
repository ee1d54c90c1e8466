package io.floe.engine.run;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which runs to list: of one flow (any version) or of all when {@code flowId} is empty, in the given states, kept by
 * {@code filter}, newest first, at most {@code limit}, strictly after the cursor {@code before} when given.
 */
public record RunQuery(String flowId, Set<RunStatus> statuses, int limit, RunCursor before, RunFilter filter) {
    public static final int DEFAULT_LIMIT = 50;

    public RunQuery {
        flowId = flowId == null ? "" : flowId;
        statuses = statuses == null || statuses.isEmpty() ? EnumSet.allOf(RunStatus.class) : EnumSet.copyOf(statuses);
        limit = limit <= 0 ? DEFAULT_LIMIT : limit;
        filter = filter == null ? RunFilter.NONE : filter;
    }

    /** An unfiltered listing. */
    public RunQuery(String flowId, Set<RunStatus> statuses, int limit, RunCursor before) {
        this(flowId, statuses, limit, before, RunFilter.NONE);
    }

    public static RunQuery of(String flowId, RunStatus status, int limit) {
        return new RunQuery(flowId, EnumSet.of(status), limit, null);
    }

    public RunQuery after(RunCursor cursor) {
        return new RunQuery(flowId, statuses, limit, cursor, filter);
    }

    public RunQuery filtered(RunFilter f) {
        return new RunQuery(flowId, statuses, limit, before, f);
    }

    /** The statuses a store must scan: those asked for that the filter can admit. */
    public Set<RunStatus> scanned() {
        Set<RunStatus> out = EnumSet.noneOf(RunStatus.class);
        statuses.stream().filter(filter::admits).forEach(out::add);
        return out;
    }

    /** True when {@code r} belongs in this listing, cursor aside. */
    public boolean matches(RunRecord r) {
        return (flowId.isEmpty() || flowId.equals(r.ref().flowRef().id())) && statuses.contains(r.status())
                && filter.matches(r);
    }
}
