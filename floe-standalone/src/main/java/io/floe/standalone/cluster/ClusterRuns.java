package io.floe.standalone.cluster;

import io.floe.engine.Floe;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunFilter;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import io.floe.engine.view.RunView;
import io.floe.standalone.api.LocalRuns;
import io.floe.standalone.api.RunDirectory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow's runs wherever they run: this host's own and those of every other host online, asked in parallel and merged
 * newest first (floe-spec §5.3 concatenated them unsorted, and showed none without {@code hosts}: fix of §8.19). A host
 * that does not answer in time is left out of that answer. A run is found on this host first, then on the host it was
 * dispatched to or adopted by, then on the others.
 */
public final class ClusterRuns implements RunDirectory {
    private static final Logger log = LoggerFactory.getLogger(ClusterRuns.class);

    private final Floe floe;
    private final LocalRuns local;
    private final Cluster cluster;

    public ClusterRuns(Floe floe, Cluster cluster) {
        this.floe = floe;
        this.local = new LocalRuns(floe);
        this.cluster = cluster;
    }

    @Override
    public FlowRuns runs(String flowId, int archiveLimit, RunCursor before, RunFilter filter) {
        List<Peer> others = cluster.others();
        List<CompletableFuture<Optional<FlowRuns>>> asked = new ArrayList<>();
        for (Peer p : others) {
            asked.add(p.client().runs(flowId, archiveLimit, before, filter).exceptionally(err -> {
                cluster.unreachable(p, err);
                return Optional.empty();
            }));
        }
        List<FlowRuns> all = new ArrayList<>();
        all.add(local.runs(flowId, archiveLimit, before, filter));
        for (int i = 0; i < asked.size(); i++) {
            await(asked.get(i), others.get(i)).ifPresent(all::add);
        }
        return RunListMerge.merge(all, archiveLimit);
    }

    @Override
    public Optional<RunView> find(String flowId, HostedRef run) {
        Optional<StoredRun> here = floe.run(run);
        String fid = flowId != null ? flowId : here.map(r -> r.record().ref().flowRef().id()).orElse(null);
        if (here.isPresent() && here.get().record().status() != RunStatus.DISPATCHED) {
            return local.find(flowId, run);
        }
        if (fid == null) {
            return Optional.empty();
        }
        LinkedHashSet<Peer> order = new LinkedHashSet<>();
        here.map(r -> r.record().ref().execHost()).flatMap(cluster::online).ifPresent(order::add);
        cluster.online(run.hostId()).ifPresent(order::add);
        order.addAll(cluster.others());
        for (Peer p : order) {
            Optional<RunView> v = await(p.client().view(fid, run).exceptionally(err -> {
                cluster.unreachable(p, err);
                return Optional.empty();
            }), p);
            if (v.isPresent() && v.get().summary() != null && !"dispatched".equals(v.get().summary().status())) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** The answer, or empty when it did not come within the request timeout. */
    private <T> Optional<T> await(CompletableFuture<Optional<T>> f, Peer from) {
        try {
            return f.get(cluster.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            log.debug("host {} did not answer in time", from, e);
            return Optional.empty();
        }
    }
}
