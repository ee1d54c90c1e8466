package io.floe.standalone.api;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.RerunRefused;
import io.floe.engine.StoreUnavailable;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.ValuesRefused;
import io.floe.engine.config.CommonConfig;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RerunFrom;
import io.floe.engine.run.RunCursor;
import io.floe.engine.view.RunSummary;
import io.floe.engine.view.RunView;
import io.floe.standalone.auth.AuthFilter;
import io.floe.standalone.auth.Principal;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.HostServices;
import io.floe.standalone.server.RouteTable;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Flows and their runs: {@code GET <base>/flows}, {@code GET <base>/flows/:id} (config and runs, the archive paged
 * with {@code limit} and {@code before}, all filtered as {@link RunFilterParams} reads), {@code GET <base>/flows/:id/runs/:rid} (the run graph),
 * {@code POST <base>/flows/:id/runs/:rid/cancel}, {@code POST <base>/flows/:id/runs/:rid/rerun} (a new run of the
 * same flow definition with the same trigger values; with {@code ?from=failed} or {@code ?from=<node id>} it takes over
 * what the old run did well and starts again there; triggering a run's right).
 */
public final class FlowRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    record Config(@SerializedName("Common") CommonConfig common, @SerializedName("Flows") List<FlowConfig> flows) {}

    record Runs(@SerializedName("Active") List<RunSummary> active, @SerializedName("Pending") List<RunSummary> pending,
            @SerializedName("Archive") List<RunSummary> archive, @SerializedName("ArchiveNext") String archiveNext) {}

    record FlowPage(@SerializedName("Config") FlowConfig config, @SerializedName("Runs") Runs runs) {}

    private final HostServices host;
    private final RunDirectory runs;
    private final RunRelay relay;

    public FlowRoutes(HostServices host, RunDirectory runs, RunRelay relay) {
        this.host = host;
        this.runs = runs;
        this.relay = relay;
    }

    public void register(RouteTable routes, String base) {
        routes.get(base + "/flows", Role.VIEWER, this::flows);
        routes.get(base + "/flows/{id}", Role.VIEWER, this::flow);
        routes.get(base + "/flows/{id}/runs/{rid}", Role.VIEWER, this::run);
        routes.post(base + "/flows/{id}/runs/{rid}/cancel", Role.USER, this::cancel);
        routes.post(base + "/flows/{id}/runs/{rid}/rerun", Role.USER, this::rerun);
    }

    private void flows(Context ctx) {
        FloeConfig cfg = host.floe().config();
        CommonConfig c = cfg.common();
        CommonConfig shown = CommonConfig.ofWireFields(c.hosts(), host.base(), host.floe().workspaceRoot().toString(),
                c.effectiveStoreType(), host.floe().storeRoot().toString(), c.gitKey(), c.configPath());
        Reply.ok(ctx, new Config(shown, cfg.flows()));
    }

    private void flow(Context ctx) {
        String id = ctx.pathParam("id");
        FlowConfig flow = host.floe().config().latest(id)
                .orElseThrow(() -> ApiException.notFound("not found"));
        int limit = limit(ctx);
        RunCursor before = cursor(ctx);
        RunDirectory.FlowRuns r = runs.runs(id, limit, before, RunFilterParams.parse(ctx.queryParamMap()));
        Reply.ok(ctx, new FlowPage(flow, new Runs(r.active(), r.pending(), r.archive(), r.archiveNext())));
    }

    private void run(Context ctx) {
        HostedRef rid = runId(ctx);
        RunView view = runs.find(ctx.pathParam("id"), rid).orElseThrow(() -> ApiException.notFound("run not found"));
        Reply.ok(ctx, "none".equals(ctx.queryParam("logs")) ? view.withoutLogs() : view);
    }

    private void cancel(Context ctx) throws Exception {
        Principal p = AuthFilter.of(ctx);
        HostedRef rid = runId(ctx);
        var elsewhere = relay.target(rid);
        if (elsewhere.isPresent()) {
            elsewhere.get().handle(ctx);
            return;
        }
        boolean done = host.floe().cancel(rid, "cancelled by " + p.user()).join();
        if (!done && relay.target(rid).isPresent()) {
            relay.target(rid).get().handle(ctx); // another host took the pend while the cancel waited for the offer
            return;
        }
        if (!done) {
            throw new ApiException(409, "run " + rid + " is not pending or active on host " + host.floe().hostId());
        }
        Reply.send(ctx, 200, "cancelled", null);
    }

    private void rerun(Context ctx) throws Exception {
        Principal p = AuthFilter.of(ctx);
        HostedRef rid = runId(ctx);
        var elsewhere = relay.target(rid);
        if (elsewhere.isPresent()) {
            elsewhere.get().handle(ctx);
            return;
        }
        String flow = ctx.pathParam("id");
        boolean ofFlow = host.floe().run(rid).map(r -> r.record().flow().id().equals(flow)).orElse(false);
        if (!ofFlow) {
            throw ApiException.notFound("run " + rid + " of flow " + flow + " is not in the run store of host "
                    + host.floe().hostId());
        }
        RerunFrom from = rerunFrom(ctx);
        TriggerOutcome out;
        try {
            out = host.floe().rerun(rid, p.user(), from).join();
        } catch (RerunRefused e) {
            throw e.reason().conflict() ? new ApiException(409, e.getMessage())
                    : ApiException.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        } catch (CompletionException e) {
            if (e.getCause() instanceof ValuesRefused refused) {
                throw ApiException.badRequest("run " + rid + " can not be re-run: " + refused.getMessage());
            }
            if (e.getCause() instanceof StoreUnavailable down) {
                throw new ApiException(503, "run " + rid + " was not re-run: " + down.getMessage());
            }
            throw e;
        }
        String started = out.pends().get(0).id().toString();
        Reply.send(ctx, 200, "re-run of " + rid + (from == null ? "" : " from " + from.describe()) + " started as "
                + started, new Rerun(started, rid.toString(), from == null ? "" : from.wire()));
    }

    /** The {@code from} of a re-run: {@code failed}, a node id, or null (absent) for a whole re-run. */
    private static RerunFrom rerunFrom(Context ctx) {
        String from = ctx.queryParam("from");
        if (from == null) {
            return null;
        }
        try {
            return RerunFrom.parse(from);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    record Rerun(@SerializedName("Run") String run, @SerializedName("RerunOf") String rerunOf,
            @SerializedName("RerunFrom") String rerunFrom) {}

    /** A run id from the path: {@code <host>-<n>}; anything else is a 404 naming it. */
    static HostedRef runId(Context ctx) {
        String rid = ctx.pathParam("rid");
        return HostedRef.parse(rid).orElseThrow(() -> ApiException.notFound("run not found: '" + rid
                + "' is not a run id (<host>-<number>)"));
    }

    private static int limit(Context ctx) {
        String l = ctx.queryParam("limit");
        if (l == null || l.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(l.trim());
            if (n < 1 || n > MAX_LIMIT) {
                throw ApiException.badRequest("limit must be 1 to " + MAX_LIMIT + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a number, not '" + l + "'");
        }
    }

    private static RunCursor cursor(Context ctx) {
        String b = ctx.queryParam("before");
        if (b == null || b.isBlank()) {
            return null;
        }
        return RunCursor.parse(b).orElseThrow(() -> ApiException.badRequest("before '" + b
                + "' is not a cursor: pass the ArchiveNext value of the previous page"));
    }
}
