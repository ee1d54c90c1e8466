package io.floe.standalone.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.api.Api;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.RouteTable.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The role table, walked whole: every route the host serves, as its own route table lists it (so a route added later
 * is walked too), called by each kind of caller — nobody, a viewer, a user, an admin (people's sessions), and the
 * admin token (scripts and other hosts) — and refused by the table exactly when the caller's role does not cover the
 * route's. Also: a wrong token or a made-up session is refused everywhere but on the open routes.
 */
class RoleTableTest {
    /** A caller: its name, the role it has, and the headers that say who it is. */
    record Caller(String name, Role role, String... headers) {}

    /** What a route answered. */
    record Seen(int status, String body) {}

    @TempDir
    Path dir;
    private SecureHost h;
    private String run;

    @BeforeEach
    void start() throws Exception {
        h = SecureHost.start(dir, "vic:viewer", "ann:user", "ada:admin");
        run = h.trigger();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void everyRouteAnswersEachCallerAsTheTableSays() throws Exception {
        List<Route> routes = walkOrder(h.host.host.server().routes());
        assertThat(routes).extracting(Route::role).contains(Role.values());
        List<Caller> callers = List.of(new Caller("nobody", Role.ANONYMOUS),
                session("vic", Role.VIEWER), session("ann", Role.USER), session("ada", Role.ADMIN),
                // an admin's session is still a person's: the host routes are not for it
                new Caller("admin token", Role.HOST, Api.admin()));
        List<String> wrong = new ArrayList<>();
        for (Caller c : callers) {
            for (Route r : routes) {
                Seen a = call(r, c.headers());
                boolean refused = refusedByTable(a);
                if (refused == c.role().covers(r.role())) {
                    wrong.add(c.name() + " (" + c.role() + ") " + r + ": " + a.status() + " " + a.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aWrongCredentialIsRefusedOnEveryRouteThatNeedsOne() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Route r : walkOrder(h.host.host.server().routes())) {
            if (r.role() == Role.ANONYMOUS) {
                continue;
            }
            for (String[] bad : List.of(new String[] {"X-Floe-Auth", "not-the-token"},
                    new String[] {"Cookie", "floe-sesh=0123456789abcdef0123456789abcdef"},
                    new String[] {"Authorization", "Bearer not-the-token"})) {
                Seen a = call(r, bad);
                // after a few wrong admin tokens from one address the throttle answers 429 without checking
                boolean throttled = a.status() == 429 && !bad[0].equals("Cookie");
                if (a.status() != 401 && !throttled) {
                    wrong.add(r + " with " + bad[0] + ": " + a.status());
                }
            }
        }
        assertThat(wrong).isEmpty();
        // a wrong header is not rescued by a good cookie
        SecureHost.Login ann = h.login("ann");
        assertThat(h.api.get("/flows", "X-Floe-Auth", "not-the-token", "Cookie", ann.cookie()).status())
                .isIn(401, 429);
    }

    @Test
    void aRefusalSaysWhoTheRouteIsForAndWhoTheCallerIs() {
        SecureHost.Login vic = h.login("vic");
        Api.Answer cancel = h.api.post("/flows/deploy/runs/" + run + "/cancel", "", "X-Floe-Auth", vic.token());
        assertThat(cancel.status()).isEqualTo(403);
        assertThat(cancel.message()).isEqualTo("POST /build/api/flows/deploy/runs/" + run + "/cancel is for users "
                + "and admins (viewers may only read); vic is a viewer");
        SecureHost.Login ada = h.login("ada");
        Api.Answer p2p = h.api.get("/p2p/config", "X-Floe-Auth", ada.token());
        assertThat(p2p.status()).isEqualTo(403);
        assertThat(p2p.message()).contains("is for other hosts only", "never a person's session", "ada is an admin");
        // the run was neither cancelled nor touched
        assertThat(h.status(run)).isEqualTo("running");
    }

    @Test
    void theDashboardsPageAndFilesLoadBeforeAnyLogin() {
        // the login form is in those files: a browser must get them without a session
        for (String path : List.of("/app/dash", "/static/js/app.js", "/static/css/app.css", "/static/img/floe.svg")) {
            Api.Answer a = h.api.raw("GET", path, null);
            assertThat(a.status()).as(path + ": " + a.body()).isEqualTo(200);
        }
        assertThat(h.api.raw("GET", "/static/js/no-such-file.js", null).status()).isEqualTo(404);
    }

    @Test
    void theReadmesRoleTableIsTheHostsTable() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (`[A-Z]+ /.*) \\| (anonymous|viewer|user|admin|host) \\|$")
                .matcher(readme);
        while (row.find()) {
            Matcher route = Pattern.compile("`([A-Z]+ [^`]+)`").matcher(row.group(1));
            while (route.find()) {
                documented.put(route.group(1), row.group(2));
            }
        }
        String base = h.api.base;
        Map<String, String> served = new TreeMap<>();
        for (Route r : h.host.host.server().routes()) {
            String path = r.path().startsWith(base) ? r.path().substring(base.length()) : r.path();
            path = path.replace("{rid}", "{run}").replace("{nid}", "{node}").replace("*", "…");
            String name = r.method().equals("OPTIONS") ? "OPTIONS /…" : (r.method().equals("WS") ? "GET" : r.method())
                    + " " + path;
            served.put(name, r.role().configName());
        }
        assertThat(documented).isEqualTo(served);
    }

    private Caller session(String user, Role role) {
        return new Caller(user, role, "X-Floe-Auth", h.login(user).token());
    }

    /** Whether the answer is the table's refusal (not a route's own 401 or 403, like a webhook's bad signature). */
    private static boolean refusedByTable(Seen a) {
        if (a.body().isEmpty()) { // a refused websocket upgrade, whose body the client does not give
            return a.status() == 401 || a.status() == 403;
        }
        if (a.status() == 401) {
            return a.body().contains("missing session") || a.body().contains("invalid session");
        }
        return a.status() == 403 && a.body().contains(" is for ");
    }

    /** Logout last, so the sessions hold for the whole walk. */
    private static List<Route> walkOrder(List<Route> routes) {
        List<Route> out = new ArrayList<>(routes);
        out.sort(Comparator.comparing((Route r) -> r.path().endsWith("/logout")));
        return out;
    }

    private Seen call(Route r, String... headers) throws Exception {
        String path = r.path().replace("{id}", "deploy").replace("{rid}", run).replace("{nid}", "ask")
                .replace("<path>", "a").replace("*", "dash");
        if (r.method().equals("WS")) {
            return wsAnswer(path, headers);
        }
        String body = r.method().equals("POST") ? "{\"Ref\":{\"ID\":\"deploy\"},\"Form\":{\"ID\":\"start\"}}" : null;
        Api.Answer a = h.api.raw(r.method(), path, body, headers);
        return new Seen(a.status(), a.body());
    }

    /** A websocket upgrade as an answer: 101 when accepted, else the refusal's status and body. */
    private Seen wsAnswer(String path, String... headers) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            b.buildAsync(URI.create("ws" + h.api.url.substring(4) + path), new WebSocket.Listener() { })
                    .get(20, TimeUnit.SECONDS).abort();
            return new Seen(101, "");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException hs) {
                Object body = hs.getResponse().body();
                return new Seen(hs.getResponse().statusCode(), body == null ? "" : body.toString());
            }
            throw e;
        }
    }
}
