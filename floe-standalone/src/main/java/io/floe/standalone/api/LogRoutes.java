package io.floe.standalone.api;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.LogSearch;
import io.floe.engine.run.StoredRun;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.HostServices;
import io.floe.standalone.server.RouteTable;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A task's log: {@code GET <base>/flows/:id/runs/:rid/nodes/:nid/log} downloads it whole as text; with {@code from}
 * (and {@code max}) it answers one page as JSON {@code {Lines, From, Total}}, for the live log view. Only nodes of the
 * run's own flow can be named, so no path reaches another file.
 */
public final class LogRoutes {
    static final int PAGE = 1000;
    static final int MAX_PAGE = 10_000;

    /** Matches per search answer, unless the client asks for fewer (or more, up to {@link #MAX_HITS}). */
    static final int HITS = 200;
    static final int MAX_HITS = 2_000;
    /** Lines one search answer reads at most; past them the answer says where to go on ({@code Next}). */
    static final long SCAN = 1_000_000;

    record LogPage(@SerializedName("Lines") List<String> lines, @SerializedName("From") long from,
            @SerializedName("Total") long total) {}

    record Hit(@SerializedName("Line") long line, @SerializedName("Text") String text) {}

    record SearchPage(@SerializedName("Matches") List<Hit> matches,
            @SerializedName("Next") long next, @SerializedName("Scanned") long scanned,
            @SerializedName("Total") long total) {}

    private final HostServices host;
    private final RunRelay relay;

    public LogRoutes(HostServices host, RunRelay relay) {
        this.host = host;
        this.relay = relay;
    }

    public void register(RouteTable routes, String base) {
        routes.get(base + "/flows/{id}/runs/{rid}/nodes/{nid}/log", Role.VIEWER, this::log);
        routes.get(base + "/flows/{id}/runs/{rid}/nodes/{nid}/log/search", Role.VIEWER, this::search);
    }

    private void log(Context ctx) throws Exception {
        HostedRef rid = FlowRoutes.runId(ctx);
        var elsewhere = relay.logs(rid);
        if (elsewhere.isPresent()) {
            elsewhere.get().handle(ctx);
            return;
        }
        String nid = taskOf(ctx, rid);
        String from = ctx.queryParam("from");
        if (from != null) {
            page(ctx, rid, nid, from);
            return;
        }
        ctx.contentType("text/plain; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + rid + "-" + nid.replaceAll("[^A-Za-z0-9._-]",
                "_") + ".log\"");
        try (OutputStream out = ctx.outputStream()) {
            long at = 0;
            List<String> lines;
            while (!(lines = host.floe().log(rid, nid, at, PAGE)).isEmpty()) {
                for (String l : lines) {
                    out.write(l.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
                at += lines.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node named in the path, once it is known to be a task of the run's own flow. */
    private String taskOf(Context ctx, HostedRef rid) {
        String nid = ctx.pathParam("nid");
        StoredRun run = host.floe().run(rid)
                .filter(r -> r.record().ref().flowRef().id().equals(ctx.pathParam("id")))
                .orElseThrow(() -> ApiException.notFound("run not found"));
        if (run.record().flow().task(nid).isEmpty()) {
            throw ApiException.notFound("run " + rid + " has no node " + nid);
        }
        return nid;
    }

    /**
     * {@code GET …/log/search?q=text[&from=line][&max=hits]}: the lines of the whole log that hold {@code q}
     * (ignoring case and colour codes), read from the store page by page. {@code Line} counts from 1 as the log view
     * shows it; {@code Next} is the {@code from} that continues the search, -1 once the log was read to its end.
     */
    private void search(Context ctx) throws Exception {
        HostedRef rid = FlowRoutes.runId(ctx);
        var elsewhere = relay.logs(rid);
        if (elsewhere.isPresent()) {
            elsewhere.get().handle(ctx);
            return;
        }
        String nid = taskOf(ctx, rid);
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw ApiException.badRequest("search needs q, the text to look for: …/log/search?q=error");
        }
        long from;
        int max;
        try {
            String f = ctx.queryParam("from");
            String m = ctx.queryParam("max");
            from = f == null ? 0 : Long.parseLong(f.trim());
            max = m == null ? HITS : Integer.parseInt(m.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("from and max must be whole numbers");
        }
        if (from < 0 || max < 1 || max > MAX_HITS) {
            throw ApiException.badRequest("from must be 0 or more and max 1 to " + MAX_HITS);
        }
        LogSearch.Result r = new LogSearch(q, max, SCAN).in(host.floe().storeLogs(), rid, nid, from);
        Reply.ok(ctx, new SearchPage(r.matches().stream().map(m -> new Hit(m.line(), m.text())).toList(),
                r.next(), r.scanned(), host.floe().storeLogs().count(rid, nid)));
    }

    private void page(Context ctx, HostedRef rid, String nid, String fromText) {
        long from;
        int max;
        try {
            from = Long.parseLong(fromText.trim());
            String m = ctx.queryParam("max");
            max = m == null ? PAGE : Integer.parseInt(m.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("from and max must be whole numbers");
        }
        if (from < 0 || max < 1 || max > MAX_PAGE) {
            throw ApiException.badRequest("from must be 0 or more and max 1 to " + MAX_PAGE);
        }
        List<String> lines = host.floe().log(rid, nid, from, max);
        Reply.ok(ctx, new LogPage(lines, from, host.floe().storeLogs().count(rid, nid)));
    }
}
