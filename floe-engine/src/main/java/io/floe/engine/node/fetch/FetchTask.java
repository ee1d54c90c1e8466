package io.floe.engine.node.fetch;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * The {@code fetch} task (floe-spec §4.6): downloads {@code url} into the host's cache ({@link TaskContext#cacheRoot},
 * keyed by URL, revalidated and resumed over HTTP), checks it against {@code checksum} ({@code checksum-algo}
 * sha256 (default), sha1, md5 or sha512) and hard-links it into the workspace at {@code location} (default: the
 * download's file name in the workspace). Ends with status 0, or an execution error saying what went wrong.
 *
 * <p>Changes from the original: a relative {@code location} is relative to the workspace and may not leave it; a
 * connection failure is a task error (it crashed the original); an unknown algorithm is an error; the cache keys on
 * the URL and revalidates, rather than trusting any cached file of the same name and size.
 */
public final class FetchTask implements TaskType {
    private final UrlLocks locks = new UrlLocks();
    private final Duration readTimeout;
    private HttpClient client;

    /** With a client of its own, made on first use, and the default timeouts of {@link DownloadClient}. */
    public FetchTask() {
        this(null, DownloadClient.READ_TIMEOUT);
    }

    /**
     * @param client      the client to download with (its connect timeout applies), or null for a default one
     * @param readTimeout how long to wait for the response headers, and for each piece of the body
     */
    public FetchTask(HttpClient client, Duration readTimeout) {
        this.client = client;
        this.readTimeout = readTimeout;
    }

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public List<String> check(NodeConfig node) {
        return FetchOptions.problems(node.opts());
    }

    @Override
    public CompletionStage<TaskResult> start(TaskContext ctx) {
        CompletableFuture<TaskResult> done = new CompletableFuture<>();
        try {
            FetchRun run = new FetchRun(ctx, new Downloader(client(), readTimeout, ctx.scheduler()),
                    new FetchCache(ctx.cacheRoot(), locks));
            ctx.blocking().execute(() -> {
                try {
                    done.complete(run.run());
                } catch (Throwable t) {
                    // run() turns every failure into a result; this is for errors of the JVM itself
                    done.completeExceptionally(t);
                    throw t;
                }
            });
        } catch (RejectedExecutionException e) {
            done.complete(TaskResult.error("fetch could not start: the host is shutting down"));
        } catch (RuntimeException e) {
            done.complete(TaskResult.error("fetch could not start: " + e));
        }
        return done;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = DownloadClient.create(DownloadClient.CONNECT_TIMEOUT);
        }
        return client;
    }
}
