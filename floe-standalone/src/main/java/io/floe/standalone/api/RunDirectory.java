package io.floe.standalone.api;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunFilter;
import io.floe.engine.view.RunSummary;
import io.floe.engine.view.RunView;
import java.util.List;
import java.util.Optional;

/**
 * Where the API finds runs: on this host alone, or on every host of the cluster. Lists are newest first.
 */
public interface RunDirectory {

    /** A flow's runs: all active and pending ones, and one page of the archive. */
    record FlowRuns(List<RunSummary> active, List<RunSummary> pending, List<RunSummary> archive, String archiveNext) {}

    /** Only the runs {@code filter} keeps: active and pending ones as it admits them, the archive page filtered. */
    FlowRuns runs(String flowId, int archiveLimit, RunCursor before, RunFilter filter);

    default FlowRuns runs(String flowId, int archiveLimit, RunCursor before) {
        return runs(flowId, archiveLimit, before, RunFilter.NONE);
    }

    /** A run's detail, with its graph, wherever it ran. */
    Optional<RunView> find(String flowId, HostedRef run);
}
