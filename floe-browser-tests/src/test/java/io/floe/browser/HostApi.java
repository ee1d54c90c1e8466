package io.floe.browser;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** The host's API as a script uses it (admin token), for what a test does beside the browser. */
final class HostApi {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    HostApi(String hostUrl) {
        this.base = hostUrl + "/build/api";
    }

    /** The Payload of {@code GET path}; fails on any status but 200. */
    JsonObject get(String path) {
        return call(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** The Payload of {@code POST path} with a JSON body; fails on any status but 200. */
    JsonObject post(String path, String json) {
        return call(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    private JsonObject call(HttpRequest.Builder r) {
        try {
            HttpResponse<String> res = http.send(r.header("X-Floe-Auth", BrowserHost.ADMIN)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IllegalStateException(res.request().method() + " " + res.request().uri() + " answered "
                        + res.statusCode() + ": " + res.body());
            }
            JsonObject reply = JsonParser.parseString(res.body()).getAsJsonObject();
            return reply.get("Payload").isJsonObject() ? reply.getAsJsonObject("Payload") : new JsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("the host did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether run {@code rid} of flow {@code fid} has ended. */
    boolean ended(String fid, String rid) {
        return get("/flows/" + fid + "/runs/" + rid).getAsJsonObject("Summary").get("Ended").getAsBoolean();
    }

    /** Polls {@code done} until it holds, failing with {@code what} after {@code limit}. */
    static void await(String what, Duration limit, BooleanSupplier done) {
        Instant end = Instant.now().plus(limit);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(50); // the pause of a poll, not a wait for something to happen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
