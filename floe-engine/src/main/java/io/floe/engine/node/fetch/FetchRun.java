package io.floe.engine.node.fetch;

import io.floe.engine.spi.OutputSink;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.Workspace;
import io.floe.engine.workspace.Substitution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One execution of a fetch task, on a blocking thread: read the opts, download into the cache, place the file. */
final class FetchRun {
    private static final Logger log = LoggerFactory.getLogger(FetchRun.class);
    private static final String UNTRUSTED = "(N.B. fetch without a checksum can not be trusted)";

    private final TaskContext ctx;
    private final Downloader downloader;
    private final FetchCache cache;

    FetchRun(TaskContext ctx, Downloader downloader, FetchCache cache) {
        this.ctx = ctx;
        this.downloader = downloader;
        this.cache = cache;
    }

    /** Never throws: every failure is a task error. */
    TaskResult run() {
        OutputSink out = ctx.out();
        FetchOptions opts;
        Substitution sub;
        try {
            opts = FetchOptions.from(ctx.opts());
            if (opts.checksum() == null) {
                out.line(UNTRUSTED);
            }
            sub = Substitution.expandingVars(ctx.workspace(), environment());
            // a bad location is reported before anything is downloaded
            Placement.target(opts.location(), ctx.workspace(), sub, FileNames.FALLBACK);
        } catch (FetchException e) {
            out.line(e.getMessage());
            return TaskResult.error(e.getMessage());
        }
        try {
            downloader.fetch(cache, opts.url(), opts.checksum(), out, ctx.cancellation(), (file, name) -> {
                Path target = Placement.target(opts.location(), ctx.workspace(), sub, name);
                boolean linked;
                try {
                    linked = Placement.place(file, target);
                } catch (IOException e) {
                    throw new FetchException("could not put the download at " + target + ": " + e, e);
                }
                out.line(linked ? "Download linked to " + target : "Download copied to " + target
                        + " (the workspace is on another file system than the cache, so it can not be linked)");
                return target;
            });
            return TaskResult.status(0);
        } catch (FetchException e) {
            out.line("Download failed: " + e.getMessage());
            return TaskResult.error("fetch " + opts.url() + " failed: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("fetch {} in run {} failed unexpectedly", opts.url(), ctx.run(), e);
            out.line("Download failed: " + e);
            return TaskResult.error("fetch " + opts.url() + " failed: " + e);
        }
    }

    /**
     * The task's environment, for variables in {@code location}: the base environment, then the flow, event and
     * node entries, then {@code FLOEWS}, as an exec task would see it.
     */
    private Map<String, String> environment() {
        Workspace ws = ctx.workspace();
        Map<String, String> env = new LinkedHashMap<>(ctx.baseEnv());
        Substitution sub = Substitution.expandingVars(ws, env);
        for (String entry : ctx.env()) {
            String expanded = sub.expandEnv(entry);
            int eq = expanded.indexOf('=');
            if (eq > 0) {
                env.put(expanded.substring(0, eq), expanded.substring(eq + 1));
            }
        }
        env.put("FLOEWS", ws.root().toString());
        return env;
    }
}
