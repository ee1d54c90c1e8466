package io.floe.standalone.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small HTTP client for a host's API, as a script or a browser would call it. */
public final class Api {
    private final HttpClient http;
    public final String url;
    public final String base;

    public Api(String url, String base) {
        this(url, base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public Api(String url, String base, HttpClient http) {
        this.url = url;
        this.base = base;
        this.http = http;
    }

    /** An answer: status, headers and body, with the envelope parsed when it is JSON. */
    public record Answer(int status, HttpResponse<String> raw) {
        public JsonObject json() {
            return JsonParser.parseString(raw.body()).getAsJsonObject();
        }

        public String message() {
            return json().get("Message").getAsString();
        }

        public JsonElement payload() {
            return json().get("Payload");
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public List<String> headers(String name) {
            return raw.headers().allValues(name);
        }

        public String body() {
            return raw.body();
        }
    }

    public Answer get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url + base + path)).GET(), headers);
    }

    public Answer post(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url + base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    /** A request to a path outside the base url. */
    public Answer raw(String method, String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    public static String[] admin() {
        return new String[] {"X-Floe-Auth", RunningHost.ADMIN};
    }

    /** Headers with the admin token added. */
    public static String[] admin(String... more) {
        List<String> h = new ArrayList<>(List.of(admin()));
        h.addAll(List.of(more));
        return h.toArray(String[]::new);
    }

    private Answer send(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
