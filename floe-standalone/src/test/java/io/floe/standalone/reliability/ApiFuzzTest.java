package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.testflows.TestFlows;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated requests to every API route of a running host: JSON bodies of every shape, odd path segments and query
 * values, form data for triggers and waiting data nodes. Each answer is a 2xx or 4xx in the JSON envelope with a
 * message (downloads and metrics aside), never a 5xx, never a request left hanging.
 */
class ApiFuzzTest {
    private static Path dir;
    private static RunningHost host;
    private static Api api;
    /** A run that waits at its data node: form data fuzzed at it may complete it. */
    private static String waiting;

    /** A route of the API under the base url, with {@code {id}}, {@code {rid}} and {@code {nid}} to fill in. */
    record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("POST", "/login"), new Route("POST", "/logout"), new Route("GET", "/session"),
            new Route("GET", "/flows"), new Route("GET", "/flows/{id}"), new Route("GET", "/flows/{id}/runs/{rid}"),
            new Route("POST", "/flows/{id}/runs/{rid}/cancel"),
            new Route("GET", "/flows/{id}/runs/{rid}/nodes/{nid}/log"),
            new Route("POST", "/push/data"), new Route("GET", "/push/data"), new Route("POST", "/push/git"),
            new Route("POST", "/p2p/flows/exec"), new Route("GET", "/p2p/flows/{id}/runs"),
            new Route("GET", "/p2p/flows/{id}/runs/{rid}"), new Route("GET", "/p2p/flows/{id}/runs/{rid}/view"),
            new Route("GET", "/p2p/config"));

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("api-fuzz");
        host = RunningHost.start(TestFlows.text("rel-fuzz.yml"), dir);
        api = host.api;
        waiting = trigger();
    }

    @AfterContainer
    static void stop() throws Exception {
        if (host != null) {
            host.close();
        }
        TempTree.delete(dir);
    }

    @Property(tries = 250)
    void everyRouteAnswersGeneratedBodiesClearly(@ForAll("routes") Route route, @ForAll("segments") String id,
            @ForAll("segments") String rid, @ForAll("segments") String nid, @ForAll("bodies") String body) {
        String path = route.path().replace("{id}", id).replace("{rid}", rid).replace("{nid}", nid);
        List<String> headers = new ArrayList<>(List.of(Api.admin()));
        if (route.path().equals("/push/git")) {
            // past the signature check, so the payload itself is read
            headers.addAll(List.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "a-fuzz-secret"));
        }
        Api.Answer a = send(route.method(), path, route.method().equals("GET") ? null : body, headers);
        assertClear(route + " " + path + " with " + abbreviate(body), a);
        Statistics.label("status").collect(a.status());
    }

    @Property(tries = 150)
    void oddPathsAndQueriesGetClearAnswers(@ForAll("routes") Route route, @ForAll("segments") String id,
            @ForAll("segments") String rid, @ForAll("segments") String nid, @ForAll("queries") String query) {
        String path = route.path().replace("{id}", id).replace("{rid}", rid).replace("{nid}", nid) + query;
        Api.Answer a = send(route.method(), path, route.method().equals("GET") ? null : "{}",
                List.of(Api.admin()));
        assertClear(route + " " + path, a);
        Statistics.label("status").collect(a.status());
    }

    @Property(tries = 200)
    void generatedFormDataGetsClearAnswers(@ForAll("forms") String body) {
        Api.Answer a = api.post("/push/data", body, Api.admin());
        assertClear("POST /push/data " + abbreviate(body), a);
        Statistics.label("status").collect(a.status());
        if (a.status() == 200 && body.contains(waiting)) {
            waiting = trigger(); // that form completed the run: keep one waiting
        }
        assertThat(api.raw("GET", "/health", null).status()).isEqualTo(200);
    }

    /** The answer is 2xx or 4xx, and (unless a download or metrics) the envelope with a message. */
    static void assertClear(String request, Api.Answer a) {
        assertThat(a.status()).as(request + " answered " + a.status() + ": " + abbreviate(a.body()))
                .isBetween(200, 499);
        String type = a.header("Content-Type");
        if (a.status() < 300 && type != null && !type.startsWith("application/json")) {
            return; // a log download or metrics
        }
        JsonElement json;
        try {
            json = JsonParser.parseString(a.body());
        } catch (RuntimeException e) {
            throw new AssertionError(request + " answered " + a.status() + " with a body that is not JSON: "
                    + abbreviate(a.body()));
        }
        assertThat(json.isJsonObject()).as(request + ": " + a.body()).isTrue();
        JsonObject o = json.getAsJsonObject();
        assertThat(o.has("Message") && o.get("Message").isJsonPrimitive()).as(request + ": " + a.body()).isTrue();
        assertThat(o.get("Message").getAsString()).as(request + ": " + a.body()).isNotBlank();
    }

    private static Api.Answer send(String method, String path, String body, List<String> headers) {
        try {
            return api.raw(method, api.base + path, body, headers.toArray(String[]::new));
        } catch (UncheckedIOException e) {
            throw new AssertionError(method + " " + path + " got no answer (hung or dropped): " + e.getCause(), e);
        }
    }

    private static String trigger() {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"fuzz-form\"},\"Form\":{\"ID\":\"go\"}}",
                Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500) + "…(" + s.length() + " chars)";
    }

    @Provide
    Arbitrary<Route> routes() {
        return Arbitraries.of(ROUTES);
    }

    @Provide
    Arbitrary<String> bodies() {
        return JsonValues.body();
    }

    /** A path segment: a real flow, run or node most of the time, else anything, percent-encoded. */
    @Provide
    Arbitrary<String> segments() {
        Arbitrary<String> odd = Arbitraries.oneOf(Arbitraries.of(JsonValues.STRINGS),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(20));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("fuzz-form", "hi1-1", "approve", "done", "go")),
                Tuple.of(2, odd.filter(s -> !s.isEmpty()).map(ApiFuzzTest::encode)));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.of("limit", "before", "from", "max", "after", "x");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("", "0", "-1", "1", "500", "501", "10000",
                "10001", "9999999999999", "abc", "2026-01-01T00:00:00Z/hi1-1", "hi1-1", "%25", "%00", "1e3"),
                Arbitraries.strings().ofMaxLength(12).map(ApiFuzzTest::encode));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(3).map(l -> l.isEmpty() ? "" : "?" + String.join("&", l));
    }

    /** Form posts: to start fuzz-form, or to the run waiting at its data node, with values of any kind. */
    @Provide
    Arbitrary<String> forms() {
        Arbitrary<JsonElement> values = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.maps(Arbitraries.of("who", "ok", "why", "seq", "", "x".repeat(100)),
                        JsonValues.value(2)).ofMaxSize(4).map(JsonValues::objectOf)),
                Tuple.of(1, JsonValues.value(2)));
        Arbitrary<String> formId = Arbitraries.of("go", "approve", "done", "", "nope");
        Arbitrary<Boolean> toRun = Arbitraries.of(true, false);
        Arbitrary<JsonElement> ver = Arbitraries.of(0, 1, 2, -1).map(v -> (JsonElement) new JsonPrimitive(v));
        return Combinators.combine(values, formId, toRun, ver).as((v, f, run, ver0) -> {
            JsonObject form = JsonValues.objectOf(Map.of("ID", new JsonPrimitive(f), "Values", v));
            JsonObject body = new JsonObject();
            if (run) {
                body.addProperty("Run", "@RUN@");
            } else {
                body.add("Ref", JsonValues.objectOf(Map.of("ID", new JsonPrimitive("fuzz-form"),
                        "Ver", ver0)));
            }
            body.add("Form", form);
            return body.toString();
        }).map(b -> b.replace("@RUN@", waiting));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
