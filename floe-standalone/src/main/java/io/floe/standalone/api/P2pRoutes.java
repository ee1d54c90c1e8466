package io.floe.standalone.api;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.OfferResult;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.SecretValues;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.StoredRun;
import io.floe.engine.view.RunView;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.HostServices;
import io.floe.standalone.server.RouteTable;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The host-to-host routes (floe-spec §5.3, §5.4): offer a pend for execution, this host's runs of a flow, one run
 * record (the original's shape), one run's view, and this host's identity with what it knows of the others.
 */
public final class P2pRoutes {
    /** This host as others see it. */
    public record HostInfo(@SerializedName("HostID") String hostId, @SerializedName("BaseURL") String baseUrl,
            @SerializedName("Online") boolean online, @SerializedName("Tags") List<String> tags) {}

    record HostConfig(@SerializedName("Config") HostInfo config,
            @SerializedName("AllHosts") Map<String, HostInfo> allHosts,
            @SerializedName("Version") String version) {}

    /** A run in the original's p2p shape (floe-spec §4.7). */
    record RunJson(@SerializedName("Ref") io.floe.engine.event.RunRef ref,
            @SerializedName("Flow") io.floe.engine.config.FlowConfig flow,
            @SerializedName("ExecHost") String execHost, @SerializedName("StartTime") Instant startTime,
            @SerializedName("EndTime") Instant endTime, @SerializedName("Ended") boolean ended,
            @SerializedName("Good") boolean good,
            @SerializedName("MergeNodes") Map<String, Object> mergeNodes,
            @SerializedName("DataNodes") Map<String, Object> dataNodes,
            @SerializedName("ExecNodes") Map<String, Object> execNodes) {}

    record MergeJson(@SerializedName("Waits") Map<String, Boolean> waits, @SerializedName("Started") Instant started,
            @SerializedName("Stopped") Instant stopped, @SerializedName("Opts") Map<String, Object> opts) {}

    record DataJson(@SerializedName("Enabled") boolean enabled, @SerializedName("Started") Instant started,
            @SerializedName("Stopped") Instant stopped, @SerializedName("Opts") Map<String, Object> opts) {}

    record ExecJson(@SerializedName("Started") Instant started, @SerializedName("Stopped") Instant stopped,
            @SerializedName("Good") boolean good, @SerializedName("Opts") Map<String, Object> opts,
            @SerializedName("Logs") List<String> logs) {}

    private final HostServices host;
    private final LocalRuns local;
    private final Supplier<Map<String, HostInfo>> allHosts;
    private final OfferedFlows offered;

    public P2pRoutes(HostServices host, Supplier<Map<String, HostInfo>> allHosts, OfferedFlows offered) {
        this.host = host;
        this.local = new LocalRuns(host.floe());
        this.allHosts = allHosts;
        this.offered = offered;
    }

    /**
     * The p2p routes are for other hosts only ({@link Role#HOST}); {@code GET <base>/host} tells people's dashboards
     * the same identity.
     */
    public void register(RouteTable routes, String base) {
        String p2p = base + "/p2p";
        routes.post(p2p + "/flows/exec", Role.HOST, this::exec);
        routes.get(p2p + "/flows/{id}/runs", Role.HOST, this::runs);
        routes.get(p2p + "/flows/{id}/runs/{rid}", Role.HOST, this::run);
        routes.get(p2p + "/flows/{id}/runs/{rid}/view", Role.HOST, this::view);
        routes.get(p2p + "/config", Role.HOST, this::config);
        routes.get(base + "/host", Role.VIEWER, this::config);
    }

    /**
     * Starts an offered pend here, with this host's own definition of its flow ({@link OfferedFlows}); answering 200
     * again for a run already taken makes offers safe to repeat.
     */
    private void exec(Context ctx) {
        RunRecord pend = offered.verified(Bodies.read(ctx, PendJson.class).toRecord());
        var known = host.floe().run(pend.id());
        if (known.isPresent() && known.get().record().status() != io.floe.engine.run.RunStatus.PENDING) {
            Reply.send(ctx, 200, "started", null);
            return;
        }
        OfferResult r = host.floe().offer(pend).join();
        switch (r) {
            case STARTED -> Reply.send(ctx, 200, "started", null);
            case CONFLICT -> Reply.fail(ctx, 409, "host has resource conflicting active flows");
            default -> Reply.fail(ctx, 500, "the run could not be started here: see this host's log");
        }
    }

    private void runs(Context ctx) {
        String limit = ctx.queryParam("limit");
        String before = ctx.queryParam("before");
        int n = limit == null ? FlowRoutes.DEFAULT_LIMIT : Math.max(1, Math.min(FlowRoutes.MAX_LIMIT,
                parse(limit)));
        RunCursor cursor = before == null ? null : RunCursor.parse(before).orElse(null);
        RunDirectory.FlowRuns r = local.runs(ctx.pathParam("id"), n, cursor,
                RunFilterParams.parse(ctx.queryParamMap()));
        Reply.ok(ctx, new FlowRoutes.Runs(r.active(), r.pending(), r.archive(), r.archiveNext()));
    }

    private void run(Context ctx) {
        HostedRef rid = FlowRoutes.runId(ctx);
        StoredRun run = host.floe().run(rid)
                .filter(r -> r.record().ref().flowRef().id().equals(ctx.pathParam("id")))
                .orElseThrow(() -> ApiException.notFound("not found"));
        Reply.ok(ctx, toJson(run));
    }

    private void view(Context ctx) {
        RunView v = local.find(ctx.pathParam("id"), FlowRoutes.runId(ctx))
                .orElseThrow(() -> ApiException.notFound("not found"));
        Reply.ok(ctx, v);
    }

    private void config(Context ctx) {
        HostInfo me = new HostInfo(host.floe().hostId(), "", true, host.floe().tags());
        Reply.ok(ctx, new HostConfig(me, allHosts.get(), io.floe.standalone.cli.Version.text()));
    }

    private RunJson toJson(StoredRun run) {
        RunRecord r = run.record();
        Map<String, Object> merges = new TreeMap<>();
        Map<String, Object> data = new TreeMap<>();
        Map<String, Object> exec = new TreeMap<>();
        // the run's secret form values stay with the run: this route shows them masked, as every route does
        Set<String> secret = SecretValues.secretIds(r.flow().nodes().stream().map(NodeConfig::opts).toList());
        for (NodeRecord n : run.nodes().values()) {
            if (n.kind() == NodeKind.MERGE) {
                merges.put(n.nodeId(), new MergeJson(n.waits(), n.started(), n.stopped(),
                        SecretValues.masked(n.opts(), secret)));
            } else if (n.kind() == NodeKind.DATA) {
                data.put(n.nodeId(), new DataJson(n.enabled(), n.started(), n.stopped(),
                        SecretValues.masked(n.opts(), secret)));
            } else {
                exec.put(n.nodeId(), new ExecJson(n.started(), n.stopped(), n.good(), null,
                        host.floe().log(r.id(), n.nodeId(), Math.max(0, n.logLines() - RunView.LOG_TAIL),
                                RunView.LOG_TAIL)));
            }
        }
        return new RunJson(r.ref(), r.flow(), r.ref().execHost(), r.started(), r.ended(), r.ended() != null,
                r.good(), merges, data, exec);
    }

    private static int parse(String n) {
        try {
            return Integer.parseInt(n.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a number");
        }
    }
}
