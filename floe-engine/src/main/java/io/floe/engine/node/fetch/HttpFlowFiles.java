package io.floe.engine.node.fetch;

import io.floe.engine.config.FlowFileSource;
import io.floe.engine.spi.Cancellation;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads flow-files given as http(s) URLs (floe-spec §2.10) through the host's download cache: each load asks the
 * server whether its copy is current ({@code If-None-Match} / {@code If-Modified-Since}), so a changed file is seen
 * at the next trigger and an unchanged one is not downloaded again. The original keyed its cache on the file name
 * and reused any cached file of the same size, missing changes that kept the size.
 */
public final class HttpFlowFiles implements FlowFileSource {
    private static final Logger log = LoggerFactory.getLogger(HttpFlowFiles.class);

    private final FetchCache cache;
    private final Supplier<HttpClient> client;
    private final Duration readTimeout;
    private Downloader downloader;

    /**
     * With a default client and timeouts ({@link DownloadClient}), made at the first download: building an HTTP
     * client loads the TLS stack and its trust store, which most hosts and every {@code floe run} never need.
     * {@code cacheRoot} is {@code <store-root>/fetch_cache}.
     */
    public HttpFlowFiles(Path cacheRoot) {
        this(cacheRoot, () -> DownloadClient.create(DownloadClient.CONNECT_TIMEOUT), DownloadClient.READ_TIMEOUT);
    }

    /** With the host's client, so flow-files and other traffic share one; the default read timeout. */
    public HttpFlowFiles(Path cacheRoot, HttpClient client) {
        this(cacheRoot, client, DownloadClient.READ_TIMEOUT);
    }

    /**
     * @param readTimeout how long to wait for the response headers, and for each piece of the body
     */
    public HttpFlowFiles(Path cacheRoot, HttpClient client, Duration readTimeout) {
        this(cacheRoot, () -> client, readTimeout);
    }

    private HttpFlowFiles(Path cacheRoot, Supplier<HttpClient> client, Duration readTimeout) {
        this.cache = new FetchCache(cacheRoot, new UrlLocks());
        this.client = client;
        this.readTimeout = readTimeout;
    }

    private synchronized Downloader downloader() {
        if (downloader == null) {
            downloader = new Downloader(client.get(), readTimeout, watchdog());
        }
        return downloader;
    }

    /**
     * The flow-file's text (UTF-8), from the server or, when the server says it has not changed, from the cache.
     *
     * @throws IOException naming the URL and the cause
     */
    public String load(String url) throws IOException {
        try {
            return downloader().fetch(cache, url, null, line -> log.debug("flow-file {}: {}", url, line),
                    new Cancellation(), (file, name) -> Files.readString(file, StandardCharsets.UTF_8));
        } catch (FetchException e) {
            throw new IOException("could not download flow-file " + url + ": " + e.getMessage(), e);
        }
    }

    /** {@link #load}, for {@link io.floe.engine.config.FlowFiles#with}. */
    @Override
    public String read(String ref) throws IOException {
        return load(ref);
    }

    /**
     * The idle-read watchdog's timer: one daemon thread that exists only while a download runs (it times out a few
     * seconds after the last tick), so a loader needs no closing.
     */
    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "floe-flowfile-download");
            t.setDaemon(true);
            return t;
        });
        // ticks come every 300 ms during a download, far inside the keep-alive, so no tick is ever stranded
        s.setKeepAliveTime(5, TimeUnit.SECONDS);
        s.allowCoreThreadTimeOut(true);
        s.setRemoveOnCancelPolicy(true);
        return s;
    }
}
