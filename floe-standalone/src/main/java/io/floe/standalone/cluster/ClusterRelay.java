package io.floe.standalone.cluster;

import io.floe.engine.Floe;
import io.floe.engine.event.HostedRef;
import io.floe.standalone.api.ApiException;
import io.floe.standalone.api.Reply;
import io.floe.standalone.api.RunRelay;
import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Passes a request about a run that another host executes (cancel or re-run it, supply its form data, read its log or
 * artifacts) to that host, as the same request with this host's admin token, and gives back that host's answer (the
 * original dropped form data for such runs and still answered 200: fix of floe-spec §8.17).
 *
 * <p>Which host: the one this host dispatched the run to (its record says so), the one running it on a shared store,
 * or, for a run this host knows nothing of, the host that adopted it (the run id names it), which knows where it went
 * and passes it on once more. Each hop goes to exactly one host, so a request is never broadcast through the cluster.
 * Each relayed request names the hosts it passed through ({@value #RELAYED_BY}), and a host that finds itself among them
 * refuses it instead of passing it on again: hosts that disagree about where a run is (one lost its record of it) can
 * not send a request around in a circle.
 */
public final class ClusterRelay implements RunRelay {
    /** The hosts a relayed request passed through, in order, comma-separated (host-to-host only). */
    public static final String RELAYED_BY = "X-Floe-Relayed-By";

    private final Floe floe;
    private final Cluster cluster;

    public ClusterRelay(Floe floe, Cluster cluster) {
        this.floe = floe;
        this.cluster = cluster;
    }

    @Override
    public Optional<Target> target(HostedRef run) {
        return RunLocation.elsewhere(floe, run, cluster.hostId()).map(host -> ctx -> relay(ctx, run, host));
    }

    /** On a shared store every host reads every run's logs from the database: they are never relayed. */
    @Override
    public Optional<Target> logs(HostedRef run) {
        return floe.sharesStore() ? Optional.empty() : target(run);
    }

    @Override
    public Optional<Target> executor(HostedRef run) {
        Optional<String> ranOn = floe.run(run).map(r -> r.record().ref().execHost()).filter(h -> !h.isEmpty());
        if (ranOn.isEmpty()) {
            return target(run);
        }
        String host = ranOn.get();
        return host.equals(cluster.hostId()) ? Optional.empty() : Optional.of(ctx -> relay(ctx, run, host));
    }

    private void relay(Context ctx, HostedRef run, String host) {
        List<String> via = relayedBy(ctx);
        if (via.contains(cluster.hostId())) {
            throw new ApiException(409, "the request about run " + run + " came back to host " + cluster.hostId()
                    + " (it went " + String.join(" → ", via) + "): the hosts disagree about where the run is, one"
                    + " of them lost its record of it; ask host " + host + " directly, or try again");
        }
        via.add(cluster.hostId());
        Peer peer = cluster.online(host).orElseThrow(() -> new ApiException(503, "run " + run + " is on host " + host
                + (cluster.hasPeers() ? ", which does not answer now; try again once it is back"
                        : ", and this host has no address for it: list the cluster's hosts in common.hosts, or "
                        + "ask host " + host + " directly")));
        String base = floe.config().common().effectiveBaseUrl();
        String path = ctx.path().substring(base.length()) + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        HttpResponse<byte[]> r;
        try {
            r = peer.client().relay(ctx.method().name(), path, ctx.bodyAsBytes(), String.join(",", via))
                    .get(cluster.settings().requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while asking host " + host + " about run " + run);
        } catch (TimeoutException e) {
            throw new ApiException(504, "host " + host + ", which runs run " + run + ", did not answer in time; the"
                    + " request may or may not have reached it");
        } catch (ExecutionException e) {
            cluster.unreachable(peer, e.getCause());
            throw new ApiException(502, "host " + host + ", which runs run " + run + ", could not be reached ("
                    + Peer.describe(e) + "); try again once it is back");
        }
        answer(ctx, host, r);
    }

    /** That host's answer as this host's; a refusal says which host refused (the user asked this one). */
    private static void answer(Context ctx, String host, HttpResponse<byte[]> r) {
        Optional<String> type = r.headers().firstValue("Content-Type");
        if (r.statusCode() >= 400 && type.orElse("").startsWith("application/json")) {
            HostAnswer a = HostAnswer.parse(r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
            String m = a.message().startsWith("host ") ? a.message() : "host " + host + ": " + a.message();
            Reply.send(ctx, r.statusCode(), m, a.payload().isJsonNull() ? null : a.payload());
            return;
        }
        ctx.status(r.statusCode());
        type.ifPresent(ctx::contentType);
        r.headers().firstValue("Content-Disposition").ifPresent(v -> ctx.header("Content-Disposition", v));
        ctx.attribute(Reply.REPLIED, Boolean.TRUE);
        ctx.result(r.body());
    }

    private static List<String> relayedBy(Context ctx) {
        String h = ctx.header(RELAYED_BY);
        List<String> via = new ArrayList<>();
        if (h != null) {
            Arrays.stream(h.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(via::add);
        }
        return via;
    }
}
