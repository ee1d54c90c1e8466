package io.floe.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.floe.testflows.TestFlows;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API of one host: the original's integration cases (floe-spec §7.8), auth, CSRF, bad input. */
class ApiTest {
    @TempDir
    Path dir;
    private RunningHost h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private Api start() throws Exception {
        h = RunningHost.start(TestFlows.text("int-config.yml"), dir);
        return h.api;
    }

    /** INT-01. */
    @Test
    void unauthenticatedCallsAreRefusedAndALoginGivesAWorkingToken() throws Exception {
        Api api = start();
        assertThat(api.get("/flows").status()).isEqualTo(401);
        assertThat(api.get("/flows").message()).isEqualTo("missing session");
        Api.Answer bad = api.get("/flows", "X-Floe-Auth", "unauth-tok");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.message()).isEqualTo("invalid session");
        assertThat(api.get("/flows", Api.admin()).status()).isEqualTo(200);

        Api.Answer login = api.post("/login", "{\"user\":\"admin\",\"password\":\"" + RunningHost.ADMIN + "\"}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.message()).isEqualTo("OK");
        String token = login.payload().getAsJsonObject().get("Token").getAsString();
        assertThat(token).hasSize(32);
        assertThat(api.get("/flows", "X-Floe-Auth", token).status()).isEqualTo(200);

        Api.Answer wrong = api.post("/login", "{\"User\":\"admin\",\"Password\":\"password\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.message()).isEqualTo("username or password were wrong");
    }

    /** INT-02: the flows, and a push that starts a run (the original's unknown key Answers is ignored). */
    @Test
    void flowsAreListedAndAPushStartsARun() throws Exception {
        Api api = start();
        JsonObject flows = api.get("/flows", Api.admin()).payload().getAsJsonObject();
        assertThat(flows.getAsJsonArray("Flows")).hasSize(2);
        assertThat(flows.getAsJsonObject("Common").get("WorkspaceRoot").getAsString()).startsWith("/");
        Api.Answer push = api.post("/push/data",
                "{\"Ref\":{\"ID\":\"build-project\",\"Ver\":1},\"Answers\":{\"a\":\"b\"}}", Api.admin());
        assertThat(push.status()).as(push.body()).isEqualTo(200);
        String run = push.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
        assertThat(run).isEqualTo("hi1-1");
        // runs are visible although no other host answers (fix of floe-spec §8.19)
        await(() -> api.get("/flows/build-project/runs/hi1-1", Api.admin()).status() == 200);
    }

    @Test
    void browserWritesNeedTheCsrfTokenGivenAtLogin() throws Exception {
        Api api = start();
        Api.Answer login = api.post("/login", "{\"User\":\"admin\",\"Password\":\"" + RunningHost.ADMIN + "\"}");
        String cookie = login.header("Set-Cookie");
        assertThat(cookie).startsWith("floe-sesh=").contains("HttpOnly", "SameSite=Lax", "Path=/")
                .doesNotContain("Secure");
        String session = cookie.substring("floe-sesh=".length(), cookie.indexOf(';'));
        String csrf = login.payload().getAsJsonObject().get("Csrf").getAsString();
        String push = "{\"Ref\":{\"ID\":\"build-merge\"},\"Form\":{\"ID\":\"start\",\"Values\":{}}}";

        assertThat(api.get("/flows", "Cookie", "floe-sesh=" + session).status()).isEqualTo(200);
        Api.Answer noCsrf = api.post("/push/data", push, "Cookie", "floe-sesh=" + session);
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(noCsrf.message()).contains("neither where it came from", "X-Floe-Csrf");
        assertThat(api.post("/push/data", push, "Cookie", "floe-sesh=" + session, "X-Floe-Csrf", "nope").status())
                .isEqualTo(403);
        assertThat(api.post("/push/data", push, "Cookie", "floe-sesh=" + session, "X-Floe-Csrf", csrf).status())
                .isEqualTo(200);
        // scripts with the token in the header need no CSRF token: the header is no ambient credential
        assertThat(api.post("/push/data", push, Api.admin()).status()).isEqualTo(200);

        Api.Answer me = api.get("/session", "Cookie", "floe-sesh=" + session);
        assertThat(me.payload().getAsJsonObject().get("Csrf").getAsString()).isEqualTo(csrf);
        assertThat(api.post("/logout", "", "Cookie", "floe-sesh=" + session, "X-Floe-Csrf", csrf).message())
                .isEqualTo("logged out");
        assertThat(api.get("/flows", "Cookie", "floe-sesh=" + session).message()).isEqualTo("invalid session");
    }

    @Test
    void badInputGetsAClearErrorAndChangesNothing() throws Exception {
        Api api = start();
        Api.Answer badJson = api.post("/push/data", "{\"Ref\": ", Api.admin());
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.message()).isEqualTo("decoding json failed");
        assertThat(api.post("/push/data", "[1,2]", Api.admin()).status()).isEqualTo(400);
        Api.Answer noFlow = api.post("/push/data", "{\"Ref\":{\"ID\":\"nope\"}}", Api.admin());
        assertThat(noFlow.status()).isEqualTo(404);
        assertThat(noFlow.message()).contains("nope");
        Api.Answer huge = api.post("/push/data", "{\"x\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}", Api.admin());
        assertThat(huge.status()).isEqualTo(413);
        Api.Answer badLimit = api.get("/flows/build-project?limit=abc", Api.admin());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.message()).contains("limit");
        assertThat(api.get("/flows/build-project?before=zzz", Api.admin()).message()).contains("before");
        assertThat(h.host.floe().runs(io.floe.engine.run.RunQuery.of("", io.floe.engine.run.RunStatus.PENDING, 10))
                .runs()).isEmpty();
    }

    @Test
    void pathsThatTryToClimbOutFindNothing() throws Exception {
        Api api = start();
        api.post("/push/data", "{\"Ref\":{\"ID\":\"build-merge\"},\"Form\":{\"ID\":\"start\"}}", Api.admin());
        await(() -> api.get("/flows/build-merge/runs/hi1-1", Api.admin()).status() == 200);
        for (String path : new String[] {
            "/flows/build-merge/runs/..%2F..%2F..%2Fetc%2Fpasswd",
            "/flows/build-merge/runs/hi1-1/nodes/..%2F..%2F..%2Fetc%2Fpasswd/log",
            "/flows/build-merge/runs/hi1-1/nodes/%2Fetc%2Fpasswd/log",
            "/flows/..%2F..%2Fetc/runs/hi1-1",
            "/p2p/flows/build-merge/runs/..%2F..%2Fstore"}) {
            Api.Answer a = api.get(path, Api.admin());
            assertThat(a.status()).as(path).isIn(400, 404);
            assertThat(a.body()).as(path).doesNotContain("root:");
        }
        assertThat(api.raw("GET", "/static/..%2F..%2F..%2Fetc%2Fpasswd", null).body()).doesNotContain("root:");
        assertThat(api.raw("GET", "/static/../../../etc/passwd", null).body()).doesNotContain("root:");
    }

    @Test
    void corsProbeUnknownRoutesAndGzipBehaveAsTheOriginal() throws Exception {
        Api api = start();
        Api.Answer probe = api.raw("OPTIONS", "/build/api/", null, "Access-Control-Request-Headers", "x-floe-auth");
        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(probe.header("Access-Control-Allow-Headers")).isEqualTo("x-floe-auth");
        Api.Answer unknown = api.get("/no/such/route", Api.admin());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).isEqualTo("not found");
        assertThat(api.raw("DELETE", "/build/api/flows", null, Api.admin()).status()).isEqualTo(404);
        Api.Answer zipped = api.get("/flows", Api.admin("Accept-Encoding", "gzip"));
        assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(api.raw("GET", "/health", null).status()).isEqualTo(200);
    }

    @Test
    void healthIsTheBareStatusTheReadmeShows() throws Exception {
        Api api = start();
        Api.Answer health = api.raw("GET", "/health", null);
        assertThat(health.status()).isEqualTo(200);
        com.google.gson.JsonObject body = health.json();
        assertThat(body.has("Payload")).as(health.body()).isFalse(); // load balancers read Status at the top
        assertThat(body.get("Status").getAsString()).isEqualTo("up");
        assertThat(body.get("Store").getAsString()).isEqualTo("writes");
    }

    static void await(Supplier<Boolean> condition) throws InterruptedException {
        io.floe.engine.Await.until(condition::get);
    }
}
