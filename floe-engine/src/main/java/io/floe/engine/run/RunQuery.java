package io.floe.engine.run;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which runs to list: of one flow (any version) or of all when {@code flowId} is empty, in the given states,
 * newest first, at most {@code limit}, strictly after the cursor {@code before} when given.
 */
public record RunQuery(String flowId, Set<RunStatus> statuses, int limit, RunCursor before) {
    public static final int DEFAULT_LIMIT = 50;

    public RunQuery {
        flowId = flowId == null ? "" : flowId;
        statuses = statuses == null || statuses.isEmpty() ? EnumSet.allOf(RunStatus.class) : EnumSet.copyOf(statuses);
        limit = limit <= 0 ? DEFAULT_LIMIT : limit;
    }

    public static RunQuery of(String flowId, RunStatus status, int limit) {
        return new RunQuery(flowId, EnumSet.of(status), limit, null);
    }

    public RunQuery after(RunCursor cursor) {
        return new RunQuery(flowId, statuses, limit, cursor);
    }

    /** True when {@code r} belongs in this listing, cursor aside. */
    public boolean matches(RunRecord r) {
        return (flowId.isEmpty() || flowId.equals(r.ref().flowRef().id())) && statuses.contains(r.status());
    }
}
