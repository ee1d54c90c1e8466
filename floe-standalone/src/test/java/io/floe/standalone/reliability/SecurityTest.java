package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.testflows.TestFlows;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security checks on a real host: every route refuses a caller without credentials (401), with a wrong token (401),
 * and a browser session whose cookie was stolen but whose CSRF token was not (403 on writes); only login, the signed
 * git webhook, {@code /health} and CORS pre-flights are open. Paths from forms and config that try to leave their
 * folders ({@code sub-dir}, {@code location}, a git flow-file's path, a node's log) are refused.
 */
class SecurityTest {
    /** How a route is protected. */
    enum Access { OPEN, READ, WRITE }

    /**
     * Every route the host registers, by method and path ({@code api:} marks paths under the base url), with its
     * access. A route missing here fails {@link #theTableListsEveryRouteTheHostRegisters}.
     */
    static final Map<String, Access> ROUTES = new TreeMap<>(Map.ofEntries(
            Map.entry("POST api:/login", Access.OPEN), Map.entry("POST api:/logout", Access.WRITE),
            Map.entry("GET api:/session", Access.READ), Map.entry("GET api:/flows", Access.READ),
            Map.entry("GET api:/flows/{id}", Access.READ), Map.entry("GET api:/flows/{id}/runs/{rid}", Access.READ),
            Map.entry("POST api:/flows/{id}/runs/{rid}/cancel", Access.WRITE),
            Map.entry("GET api:/flows/{id}/runs/{rid}/nodes/{nid}/log", Access.READ),
            Map.entry("POST api:/push/data", Access.WRITE), Map.entry("GET api:/push/data", Access.READ),
            Map.entry("POST api:/push/git", Access.OPEN), Map.entry("POST api:/p2p/flows/exec", Access.WRITE),
            Map.entry("GET api:/p2p/flows/{id}/runs", Access.READ),
            Map.entry("GET api:/p2p/flows/{id}/runs/{rid}", Access.READ),
            Map.entry("GET api:/p2p/flows/{id}/runs/{rid}/view", Access.READ),
            Map.entry("GET api:/p2p/config", Access.READ), Map.entry("GET /health", Access.OPEN),
            Map.entry("GET api:/cluster", Access.READ), Map.entry("POST api:/config/reload", Access.WRITE),
            Map.entry("GET api:/config/source", Access.READ),
            Map.entry("GET /metrics", Access.READ), Map.entry("WS /ws", Access.READ)));
    private static final Pattern REGISTRATION = Pattern.compile(
            "app\\.(get|post|put|patch|delete|head|ws)\\(\\s*([^,)]+)[,)]");
    private static final Pattern CONSTANT = Pattern.compile("static final String PATH = \"([^\"]+)\"");

    @TempDir
    Path dir;
    private RunningHost h;
    private Api api;
    private String run;
    /** The body of the last answer {@link #call} got. */
    private String lastBody = "";

    @BeforeEach
    void start() throws Exception {
        h = RunningHost.start(TestFlows.text("rel-fuzz.yml"), dir);
        api = h.api;
        run = trigger("fuzz-form", "{}");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void theTableListsEveryRouteTheHostRegisters() throws IOException {
        List<String> registered = new ArrayList<>();
        Path sources = Path.of("src/main/java/io/floe/standalone");
        for (String pkg : List.of("api", "ws", "metrics", "webhook", "cluster", "host", "server", "config")) {
            try (Stream<Path> files = Files.list(sources.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    registered.addAll(registrations(Files.readString(f)));
                }
            }
        }
        // the dashboard's pages and redirects are public by design; they hold no data
        registered.removeAll(List.of("GET /", "GET /app", "GET /app/*"));
        assertThat(registered).isNotEmpty();
        assertThat(ROUTES.keySet()).containsAll(registered);
    }

    @Test
    void everyRouteButTheOpenOnesRefusesACallerWithoutCredentials() throws Exception {
        for (var r : ROUTES.entrySet()) {
            int status = call(r.getKey());
            if (r.getValue() == Access.OPEN) {
                // login answers 401 for a wrong password, but never asks for a session
                assertThat(status).as(r.getKey()).isNotEqualTo(403);
                assertThat(lastBody).as(r.getKey()).doesNotContain("missing session");
            } else {
                assertThat(status).as(r.getKey() + " without credentials").isEqualTo(401);
            }
        }
        // a CORS pre-flight needs none
        assertThat(api.raw("OPTIONS", api.base + "/flows", null, "Origin", "http://elsewhere.example",
                "Access-Control-Request-Method", "POST").status()).isEqualTo(200);
    }

    @Test
    void aWrongTokenIsRefusedEverywhere() throws Exception {
        // logged in first: the wrong tokens below throttle admin's secret from this address (429, CredentialThrottle)
        String cookie = "floe-sesh=" + login();
        for (var r : ROUTES.entrySet()) {
            if (r.getValue() == Access.OPEN) {
                continue;
            }
            assertThat(call(r.getKey(), "X-Floe-Auth", "not-the-token")).as(r.getKey() + " with a wrong token")
                    .isIn(401, 429);
            assertThat(call(r.getKey(), "Cookie", "floe-sesh=0123456789abcdef0123456789abcdef"))
                    .as(r.getKey() + " with a made-up session cookie").isEqualTo(401);
        }
        assertThat(call("GET /metrics", "Authorization", "Bearer not-the-token")).isIn(401, 429);
        // a wrong header is not rescued by a good cookie
        assertThat(call("GET api:/flows", "X-Floe-Auth", "not-the-token", "Cookie", cookie)).isIn(401, 429);
        // nor a signed webhook with a wrong secret
        assertThat(api.post("/push/git", "{}", "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "guess").status())
                .isEqualTo(401);
    }

    @Test
    void aStolenSessionCookieWithoutItsCsrfTokenCanNotWrite() throws Exception {
        String session = login();
        String cookie = "floe-sesh=" + session;
        for (var r : ROUTES.entrySet()) {
            int status = call(r.getKey(), "Cookie", cookie, "Origin", api.url);
            if (r.getValue() == Access.WRITE) {
                assertThat(status).as(r.getKey() + " with a cookie but no CSRF token").isEqualTo(403);
            } else if (r.getValue() == Access.READ) {
                assertThat(status).as(r.getKey() + " read with the cookie").isNotIn(401, 403);
            }
        }
        assertThat(call("POST api:/push/data", "Cookie", cookie, "X-Floe-Csrf", "a-guess")).isEqualTo(403);
        // the websocket: a session cookie from a page of another origin, or without any Origin, is refused
        assertThat(wsStatus("Cookie", cookie, "Origin", "http://evil.example")).isEqualTo(403);
        assertThat(wsStatus("Cookie", cookie)).isEqualTo(403);
        // the run is still waiting: none of the writes above reached it
        assertThat(api.get("/flows/fuzz-form/runs/" + run, Api.admin()).payload().getAsJsonObject()
                .getAsJsonObject("Summary").get("Status").getAsString()).isEqualTo("running");
    }

    @Test
    void formValuesCanNotMoveATaskOutOfItsWorkspace() throws Exception {
        // <dir>/hi1-root/spaces/escape/ws/<run> is the workspace: five levels up is <dir>
        Path outside = Files.createDirectories(dir.resolve("escaped"));
        String values = "{\"sub-dir\":\"../../../../../escaped\",\"location\":\"../../../../../escaped/file\"}";
        // sub-dir and location come from the config alone; a form that does not declare them refuses them (issue 14)
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"escape\"},\"Form\":{\"ID\":\"go\",\"Values\":"
                + values + "}}", Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.message()).contains("has no fields location, sub-dir");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aNodeLogCanOnlyBeOneOfTheRunsOwnNodes() {
        for (String nid : List.of("..%2F..%2F..%2Fstore%2Ffloe.db", "..", "%2E%2E", "approve%2F..%2F..%2Fx",
                "nope")) {
            Api.Answer a = api.get("/flows/fuzz-form/runs/" + run + "/nodes/" + nid + "/log", Api.admin());
            assertThat(a.status()).as(nid + ": " + a.body()).isIn(400, 404);
            assertThat(a.body()).doesNotContain("SQLite");
        }
        for (String rid : List.of("..", "..%2F..", "hi1-1%2F..%2F..", "hi1-0")) {
            Api.Answer a = api.get("/flows/fuzz-form/runs/" + rid + "/nodes/approve/log", Api.admin());
            assertThat(a.status()).as(rid + ": " + a.body()).isIn(400, 404);
        }
    }

    @Test
    void aGitFlowFileCanNotClimbOutOfItsRepository() throws Exception {
        Path repo = dir.resolve("flows.git");
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("flow.yml"), "id: sneaky\nver: 1\n");
            git.add().addFilepattern("flow.yml").call();
            git.commit().setMessage("a flow").setAuthor("t", "t@example.invalid")
                    .setCommitter("t", "t@example.invalid").call();
        }
        String yaml = "flows:\n  - id: sneaky\n    ver: 1\n    flow-file: file://" + repo + "/../../../x.yml\n"
                + "    triggers: [{name: go, type: data}]\n";
        try (RunningHost other = RunningHost.start(yaml, dir.resolve("git-flow-file"))) {
            Api.Answer a = other.api.post("/push/data", "{\"Ref\":{\"ID\":\"sneaky\"},\"Form\":{\"ID\":\"go\"}}",
                    Api.admin());
            assertThat(a.status()).as(a.body()).isEqualTo(404);
            assertThat(a.message()).contains("climbs out of the repository");
        }
    }

    /** The status of one route called with {@code headers}, its path filled with this host's flow, run and node. */
    private int call(String route, String... headers) throws Exception {
        String[] parts = route.split(" ", 2);
        String path = parts[1].replace("{id}", "fuzz-form").replace("{rid}", run).replace("{nid}", "approve");
        if (parts[0].equals("WS")) {
            return wsStatus(headers);
        }
        path = path.startsWith("api:") ? api.base + path.substring(4) : path;
        String body = parts[0].equals("GET") ? null : "{\"Ref\":{\"ID\":\"fuzz-form\"},\"Form\":{\"ID\":\"go\"}}";
        Api.Answer a = api.raw(parts[0], path, body, headers);
        lastBody = a.body();
        return a.status();
    }

    /** The status of a websocket upgrade: 101 when accepted. */
    private int wsStatus(String... headers) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            b.buildAsync(URI.create("ws" + api.url.substring(4) + "/ws"), new WebSocket.Listener() { })
                    .get(20, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException hs) {
                return hs.getResponse().statusCode();
            }
            throw e;
        }
    }

    private String login() {
        Api.Answer a = api.post("/login", "{\"User\":\"admin\",\"Password\":\"" + RunningHost.ADMIN + "\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        String cookie = a.header("Set-Cookie");
        return cookie.substring("floe-sesh=".length(), cookie.indexOf(';'));
    }

    private String trigger(String flow, String values) {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"go\",\"Values\":"
                + values + "}}", Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
    }

    private String status(String flow, String id) {
        return api.get("/flows/" + flow + "/runs/" + id, Api.admin()).payload().getAsJsonObject()
                .getAsJsonObject("Summary").get("Status").getAsString();
    }

    private String log(String flow, String id, String node) {
        return api.get("/flows/" + flow + "/runs/" + id + "/nodes/" + node + "/log", Api.admin()).body();
    }

    /** The routes a source file registers, as {@code METHOD path} with {@code api:} for paths under the base url. */
    static List<String> registrations(String source) {
        Matcher c = CONSTANT.matcher(source);
        String constant = c.find() ? c.group(1) : null;
        List<String> out = new ArrayList<>();
        Matcher m = REGISTRATION.matcher(source);
        while (m.find()) {
            String method = m.group(1).toUpperCase(Locale.ROOT);
            String expr = m.group(2).trim();
            boolean api = expr.startsWith("base") || expr.startsWith("p2p");
            String path = expr.replace("base +", "").replace("p2p +", "\"/p2p\" +").replace("PATH",
                    "\"" + constant + "\"").replaceAll("\"\\s*\\+\\s*\"", "").replace("\"", "").trim();
            out.add(method + " " + (api ? "api:" : "") + path);
        }
        return out;
    }
}
