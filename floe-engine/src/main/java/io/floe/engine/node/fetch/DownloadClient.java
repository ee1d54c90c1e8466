package io.floe.engine.node.fetch;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client settings downloads use unless given others: redirects followed (but never from https to http),
 * a 30 s connect timeout, and a 5 min read timeout (for the response headers and for each wait for body data).
 * A host that wants one client for all its traffic builds it here and passes it to {@link FetchTask} and
 * {@link HttpFlowFiles}.
 */
public final class DownloadClient {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private DownloadClient() {}

    /** A client that follows redirects, with this connect timeout. */
    public static HttpClient create(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }
}
