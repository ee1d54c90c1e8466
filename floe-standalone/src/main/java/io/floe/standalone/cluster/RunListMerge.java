package io.floe.standalone.cluster;

import io.floe.engine.event.HostedRef;
import io.floe.engine.view.RunSummary;
import io.floe.standalone.api.RunDirectory.FlowRuns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges the run lists of several hosts into one, newest first by adoption time, then run id (the order every host
 * lists its own runs in, so archive cursors work across hosts). A run appears once: the host that executes it lists
 * it, the host that dispatched it does not ({@code dispatched}), and a run seen as pending on one host and as active
 * or ended on another (it moved between the two answers) is shown in its later state.
 */
final class RunListMerge {
    /** Newest first: adoption time in whole milliseconds (as cursors carry it), then run host, then run number. */
    static final Comparator<RunSummary> NEWEST_FIRST = Comparator
            .comparingLong((RunSummary s) -> s.adopted() == null ? Long.MIN_VALUE : s.adopted().toEpochMilli())
            .thenComparing(s -> s.ref().run().hostId())
            .thenComparingLong(s -> s.ref().run().id())
            .reversed();

    private RunListMerge() {}

    /** One host's lists, or several: the archive cut to {@code limit}, with the cursor of the next page if any. */
    static FlowRuns merge(List<FlowRuns> hosts, int limit) {
        Set<HostedRef> seen = new HashSet<>();
        List<RunSummary> archive = collect(hosts, FlowRuns::archive, seen);
        List<RunSummary> active = collect(hosts, FlowRuns::active, seen);
        List<RunSummary> pending = collect(hosts, FlowRuns::pending, seen);
        boolean more = archive.size() > limit || hosts.stream().anyMatch(h -> h.archiveNext() != null);
        List<RunSummary> page = archive.size() > limit ? List.copyOf(archive.subList(0, limit)) : archive;
        String next = more && !page.isEmpty() ? page.get(page.size() - 1).cursor() : null;
        return new FlowRuns(active, pending, page, next);
    }

    private static List<RunSummary> collect(List<FlowRuns> hosts,
            Function<FlowRuns, List<RunSummary>> list, Set<HostedRef> seen) {
        List<RunSummary> out = new ArrayList<>();
        for (FlowRuns h : hosts) {
            for (RunSummary s : list.apply(h) == null ? List.<RunSummary>of() : list.apply(h)) {
                if (s != null && !"dispatched".equals(s.status()) && seen.add(s.ref().run())) {
                    out.add(s);
                }
            }
        }
        out.sort(NEWEST_FIRST);
        return out;
    }
}
