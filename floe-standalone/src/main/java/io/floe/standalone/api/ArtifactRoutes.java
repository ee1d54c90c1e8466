package io.floe.standalone.api;

import io.floe.engine.artifact.ArtifactStore;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.StoredRun;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.HostServices;
import io.floe.standalone.server.RouteTable;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A run's artifacts (the files its tasks' {@code artifacts} option kept): {@code GET …/runs/:rid/artifacts} lists them
 * ({@code {Files: [{Node, Path, Size}], Notes: [{Node, Message}]}}) and {@code GET …/artifacts/:nid/<path>} downloads
 * one. A download is always {@code application/octet-stream} as an attachment (with the server's {@code nosniff}), so
 * a kept HTML file can not run script in the dashboard's origin. Artifacts stay on the host that ran the task: a
 * request for a run another host ran goes there.
 */
public final class ArtifactRoutes {
    private final HostServices host;
    private final RunRelay relay;

    public ArtifactRoutes(HostServices host, RunRelay relay) {
        this.host = host;
        this.relay = relay;
    }

    public void register(RouteTable routes, String base) {
        routes.get(base + "/flows/{id}/runs/{rid}/artifacts", Role.VIEWER, this::list);
        routes.get(base + "/flows/{id}/runs/{rid}/artifacts/{nid}/<path>", Role.VIEWER, this::download);
    }

    private void list(Context ctx) throws Exception {
        HostedRef rid = FlowRoutes.runId(ctx);
        var elsewhere = relay.executor(rid);
        if (elsewhere.isPresent()) {
            elsewhere.get().handle(ctx);
            return;
        }
        StoredRun run = run(ctx, rid);
        Reply.ok(ctx, store().list(run.record().ref().flowRef().id(), rid));
    }

    private void download(Context ctx) throws Exception {
        HostedRef rid = FlowRoutes.runId(ctx);
        var elsewhere = relay.executor(rid);
        if (elsewhere.isPresent()) {
            elsewhere.get().handle(ctx);
            return;
        }
        StoredRun run = run(ctx, rid);
        String nid = ctx.pathParam("nid");
        String path = ctx.pathParam("path");
        Path file;
        try {
            file = store().file(run.record().ref().flowRef().id(), rid, nid, path)
                    .orElseThrow(() -> ApiException.notFound("run " + rid + " kept no artifact '" + path
                            + "' of task " + nid + ": list them at …/runs/" + rid + "/artifacts"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String name = file.getFileName().toString();
        ctx.contentType("application/octet-stream");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_")
                + "\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Length", Long.toString(Files.size(file)));
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
                OutputStream out = ctx.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("artifact " + path + " of run " + rid + " could not be sent", e);
        }
    }

    private StoredRun run(Context ctx, HostedRef rid) {
        return host.floe().run(rid)
                .filter(r -> r.record().ref().flowRef().id().equals(ctx.pathParam("id")))
                .orElseThrow(() -> ApiException.notFound("run not found"));
    }

    private ArtifactStore store() {
        return host.floe().artifacts();
    }
}
