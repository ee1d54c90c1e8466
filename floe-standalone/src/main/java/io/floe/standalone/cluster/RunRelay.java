package io.floe.standalone.cluster;

import io.floe.engine.Floe;
import io.floe.engine.event.HostedRef;
import io.floe.standalone.api.ApiException;
import io.floe.standalone.api.RunRelay.Target;
import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Passes a request about a run that another host executes (cancel it, read its log) to that host: the one this host
 * dispatched it to, or, for a run this host never had, the host that adopted it (the run id names it). One hop per
 * host, as data forwarding does.
 */
public final class RunRelay implements io.floe.standalone.api.RunRelay {
    private final Floe floe;
    private final Cluster cluster;

    public RunRelay(Floe floe, Cluster cluster) {
        this.floe = floe;
        this.cluster = cluster;
    }

    @Override
    public Optional<Target> target(HostedRef run) {
        return RunLocation.elsewhere(floe, run, cluster.hostId()).map(host -> ctx -> relay(ctx, host));
    }

    @Override
    public Optional<Target> executor(HostedRef run) {
        Optional<String> ranOn = floe.run(run).map(r -> r.record().ref().execHost()).filter(h -> !h.isEmpty());
        if (ranOn.isEmpty()) {
            return target(run);
        }
        String host = ranOn.get();
        return host.equals(cluster.hostId()) ? Optional.empty() : Optional.of(ctx -> relay(ctx, host));
    }

    private void relay(Context ctx, String host) {
        Peer peer = cluster.online(host).orElseThrow(() -> new ApiException(503, "the run is on host " + host
                + (cluster.hasPeers() ? ", which does not answer now; try again once it is back"
                        : ", and this host has no address for it: list the cluster's hosts in common.hosts, or "
                        + "ask host " + host + " directly")));
        String base = floe.config().common().effectiveBaseUrl();
        String path = ctx.path().substring(base.length()) + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        try {
            HttpResponse<byte[]> r = peer.client().relay(ctx.method().name(), path, ctx.bodyAsBytes())
                    .get(cluster.settings().requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            ctx.status(r.statusCode());
            r.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
            r.headers().firstValue("Content-Disposition").ifPresent(v -> ctx.header("Content-Disposition", v));
            ctx.attribute(io.floe.standalone.api.Reply.REPLIED, Boolean.TRUE);
            ctx.result(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while asking host " + host);
        } catch (Exception e) {
            throw new ApiException(502, "host " + host + ", which runs this run, could not be reached: "
                    + e.getMessage());
        }
    }
}
