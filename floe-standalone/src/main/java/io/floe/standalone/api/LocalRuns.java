package io.floe.standalone.api;

import io.floe.engine.Floe;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunFilter;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunStatus;
import io.floe.engine.view.RunSummary;
import io.floe.engine.view.RunView;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** The runs of this host's store. */
public final class LocalRuns implements RunDirectory {
    /** Active and pending runs are listed whole up to this many each. */
    static final int LIVE_LIMIT = 1000;
    private final Floe floe;

    public LocalRuns(Floe floe) {
        this.floe = floe;
    }

    @Override
    public FlowRuns runs(String flowId, int archiveLimit, RunCursor before, RunFilter filter) {
        RunPage archive = floe.runs(new RunQuery(flowId, EnumSet.of(RunStatus.ARCHIVED), archiveLimit, before,
                filter));
        return new FlowRuns(list(flowId, RunStatus.ACTIVE, filter), list(flowId, RunStatus.PENDING, filter),
                archive.runs().stream().map(RunSummary::of).toList(),
                archive.next() == null ? null : archive.next().toString());
    }

    private List<RunSummary> list(String flowId, RunStatus status, RunFilter filter) {
        return floe.runs(RunQuery.of(flowId, status, LIVE_LIMIT).filtered(filter)).runs().stream().map(this::summary)
                .toList();
    }

    /** A pending run's reason says why it waits. */
    private RunSummary summary(io.floe.engine.run.RunRecord r) {
        RunSummary s = RunSummary.of(r);
        String why = r.status() == RunStatus.PENDING ? floe.waitReason(r.id()).orElse("") : "";
        return why.isEmpty() ? s : new RunSummary(s.ref(), s.execHost(), s.status(), s.adopted(), s.startTime(),
                s.endTime(), s.ended(), s.good(), "waits: " + why, s.cursor(), s.result(),
                s.startedBy());
    }

    @Override
    public Optional<RunView> find(String flowId, HostedRef run) {
        return floe.run(run).filter(r -> flowId == null || r.record().ref().flowRef().id().equals(flowId))
                .map(r -> RunView.of(r, floe.storeLogs()));
    }
}
