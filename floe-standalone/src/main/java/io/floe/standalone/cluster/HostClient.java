package io.floe.standalone.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import io.floe.engine.event.HostedRef;
import io.floe.engine.json.Json;
import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunFilter;
import io.floe.engine.run.RunRecord;
import io.floe.engine.view.RunSummary;
import io.floe.engine.view.RunView;
import io.floe.standalone.api.PendJson;
import io.floe.standalone.api.RunDirectory;
import io.floe.standalone.api.RunFilterParams;
import io.floe.standalone.auth.AuthFilter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Calls one other host of the cluster, an entry of {@code common.hosts} such as {@code http://10.0.0.2:8080}: the p2p
 * routes under {@code <entry><base-url>/p2p} and the requests about a run it relays ({@link ClusterRelay}). Every call
 * carries this host's admin token in {@code X-Floe-Auth} and gives up after the request timeout. Transport failures
 * complete the returned future exceptionally; HTTP errors are answers.
 */
public final class HostClient {
    private static final java.lang.reflect.Type RUN_LIST = new TypeToken<List<RunSummary>>() {}.getType();

    private final String entry;
    private final String api;
    private final String adminToken;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param entry      the host's address as {@code common.hosts} lists it
     * @param base       the API prefix all hosts of the cluster share ({@code CommonConfig.effectiveBaseUrl()})
     * @param adminToken the admin token all hosts of the cluster share
     */
    public HostClient(String entry, String base, String adminToken, HttpClient http, Duration timeout) {
        this.entry = address(entry);
        String b = trimSlash(base.startsWith("/") ? base : "/" + base);
        this.api = this.entry + b;
        this.adminToken = adminToken;
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * Sends a request for a path under the API base to this host with the admin token, naming the hosts it passed
     * through ({@link ClusterRelay#RELAYED_BY}), and answers its status, content type and body as they come (for the
     * requests about a run that {@link ClusterRelay} passes on).
     */
    public CompletableFuture<HttpResponse<byte[]>> relay(String method, String pathAndQuery, byte[] body,
            String relayedBy) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(api + pathAndQuery)).timeout(timeout)
                    .header(AuthFilter.HEADER, adminToken).header("Content-Type", "application/json")
                    .header(ClusterRelay.RELAYED_BY, relayedBy)
                    .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body)).build();
            return http.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // fails like a call that could not be made
        }
    }

    /** The host's address as configured (without a trailing slash). */
    public String entry() {
        return entry;
    }

    /** The base of its p2p routes, as {@code GET <base>/p2p/config} reports it ({@code BaseURL}). */
    public String p2pUrl() {
        return api + "/p2p";
    }

    /** {@code GET /p2p/config}: who the host is. Fails when it does not answer 200 with a host id. */
    public CompletableFuture<PeerIdentity> ping() {
        return send(get(p2pUrl() + "/config")).thenApply(a -> {
            JsonObject config = a.ok() && a.payload().isJsonObject()
                    ? a.payload().getAsJsonObject().getAsJsonObject("Config") : null;
            PeerIdentity id = config == null ? null : Json.gson().fromJson(config, IdentityJson.class).identity();
            if (id == null || id.hostId().isEmpty()) {
                throw new IllegalStateException("GET " + p2pUrl() + "/config answered " + a
                        + " instead of a host id: is this a floe host with the same base-url and admin token?");
            }
            return id;
        });
    }

    /** {@code POST /p2p/flows/exec}: 200 when the host took the pend, 409 when a run there conflicts with it. */
    public CompletableFuture<HostAnswer> offer(RunRecord pend) {
        return send(post(p2pUrl() + "/flows/exec", Json.write(PendJson.of(pend))));
    }

    /** {@code GET /p2p/flows/<id>/runs}: the host's own runs of a flow, the archive paged; empty when it refuses. */
    public CompletableFuture<Optional<RunDirectory.FlowRuns>> runs(String flowId, int limit, RunCursor before,
            RunFilter filter) {
        String q = "?limit=" + limit + (before == null ? "" : "&before=" + query(before.toString()))
                + RunFilterParams.query(filter);
        return send(get(p2pUrl() + "/flows/" + segment(flowId) + "/runs" + q)).thenApply(a -> {
            if (!a.ok() || !a.payload().isJsonObject()) {
                return Optional.empty();
            }
            JsonObject p = a.payload().getAsJsonObject();
            return Optional.of(new RunDirectory.FlowRuns(list(p, "Active"), list(p, "Pending"), list(p, "Archive"),
                    p.has("ArchiveNext") && !p.get("ArchiveNext").isJsonNull() ? p.get("ArchiveNext").getAsString()
                            : null));
        });
    }

    /** {@code GET /p2p/flows/<id>/runs/<rid>/view}: the run as the UIs draw it, if the host has it. */
    public CompletableFuture<Optional<RunView>> view(String flowId, HostedRef run) {
        return send(get(p2pUrl() + "/flows/" + segment(flowId) + "/runs/" + segment(run.toString()) + "/view"))
                .thenApply(a -> a.ok() && a.payload().isJsonObject()
                        ? Optional.of(Json.gson().fromJson(a.payload(), RunView.class)) : Optional.empty());
    }

    /** The host's websocket, {@code ws://<entry>/ws?origin=peer}, replaying the events after {@code after} if > 0. */
    public URI eventsUri(long after) {
        String ws = entry.startsWith("https://") ? "wss://" + entry.substring(8)
                : entry.startsWith("http://") ? "ws://" + entry.substring(7) : "ws://" + entry;
        return URI.create(ws + "/ws?origin=peer" + (after > 0 ? "&after=" + after : ""));
    }

    /** The header name and value that authenticate this host's calls. */
    String[] authHeader() {
        return new String[] {AuthFilter.HEADER, adminToken};
    }

    private HttpRequest.Builder get(String url) {
        return request(url).GET();
    }

    private HttpRequest.Builder post(String url, String json) {
        return request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json");
        // without a token the call goes out unauthenticated and the other host answers 401, which is then logged
        return adminToken.isEmpty() ? b : b.header(AuthFilter.HEADER, adminToken);
    }

    private CompletableFuture<HostAnswer> send(HttpRequest.Builder b) {
        try {
            return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .thenApply(r -> HostAnswer.parse(r.statusCode(), r.body()));
        } catch (RuntimeException e) {
            // a request that can not even be built fails like a call that could not be made
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A {@code hosts} entry as a base address: {@code http://} is assumed when no scheme is given (the original's
     * README writes bare host names), and a trailing slash is dropped. An entry that is no address is refused at start.
     */
    static String address(String entry) {
        String e = trimSlash(entry == null ? "" : entry.strip());
        if (!e.contains("://")) {
            e = "http://" + e;
        }
        try {
            URI u = URI.create(e);
            if (u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException("no host name");
            }
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("common.hosts entry '" + entry + "' is not a host address ("
                    + bad.getMessage() + "); write each entry as http://host:port or https://host:port");
        }
        return e;
    }

    private static List<RunSummary> list(JsonObject p, String key) {
        JsonElement e = p.get(key);
        if (e == null || !e.isJsonArray()) {
            return List.of();
        }
        List<RunSummary> runs = Json.gson().fromJson(e, RUN_LIST);
        return runs == null ? List.of() : runs;
    }

    /** Percent-encodes one path segment (flow ids and run ids are plain, but a stray character must not split it). */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String trimSlash(String s) {
        String t = s;
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    @Override
    public String toString() {
        return entry;
    }

    private record IdentityJson(@SerializedName("HostID") String hostId, @SerializedName("Tags") List<String> tags) {
        PeerIdentity identity() {
            return new PeerIdentity(hostId, tags);
        }
    }
}
