package io.floe.standalone.api;

import static io.floe.standalone.api.ApiTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.floe.standalone.auth.PasswordHash;
import io.floe.store.postgres.PostgresServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET <base>/flows/{id}} filtered by result, by who started the run, by a trigger value and by time, paged, on
 * a host with the local store and on one with the PostgreSQL store (a real server); bad parameters are a 400 naming
 * the parameter.
 */
class RunFilterApiTest {
    @TempDir
    Path dir;
    private RunningHost h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private static final String FLOWS = """
            common:
            %s
              users:
                - {name: ann, password-hash: "%s", role: user}
            flows:
              - id: ci
                ver: 1
                triggers:
                  - name: go
                    type: data
                    opts:
                      form:
                        title: Build a branch
                        fields: [{id: branch, prompt: Branch, type: text}]
                tasks:
                  # the test's switch files decide: hold keeps the run going, fail makes it bad
                  - name: work
                    listen: trigger.good
                    type: exec
                    opts: {shell: "while [ -e '%s' ]; do sleep 0.05; done; test ! -e '%s'"}
                  - {name: end, listen: task.work.good, type: end}
            """;

    @ParameterizedTest
    @ValueSource(strings = {"local", "postgres"})
    void theRunsOfAFlowAreFilteredAndPagedInTheStore(String storeType) throws Exception {
        Path hold = dir.resolve("hold");
        Path fail = dir.resolve("fail");
        h = RunningHost.start(FLOWS.formatted(store(storeType), PasswordHash.hash("ann pass 1".toCharArray()), hold,
                fail), dir, "h1", List.of("master"), null, null);
        Api api = h.api;
        String ann = api.post("/login", "{\"user\":\"ann\",\"password\":\"ann pass 1\"}").payload().getAsJsonObject()
                .get("Token").getAsString();

        String good = trigger(api, "main", "X-Floe-Auth", ann);
        awaitResult(api, good, "good");
        Files.writeString(fail, "");
        String bad = trigger(api, "dev", Api.admin());
        awaitResult(api, bad, "bad");
        Files.delete(fail);
        Files.writeString(hold, "");
        String cancelled = trigger(api, "main", Api.admin());
        await(() -> ids(runs(api, ""), "Active").contains(cancelled));
        assertThat(api.post("/flows/ci/runs/" + cancelled + "/cancel", "", Api.admin()).status()).isEqualTo(200);
        awaitResult(api, cancelled, "cancelled");
        String running = trigger(api, "feature/x", Api.admin());
        await(() -> ids(runs(api, ""), "Active").contains(running));

        assertThat(ids(runs(api, "result=good"), "Archive")).containsExactly(good);
        assertThat(ids(runs(api, "result=good"), "Active")).isEmpty();
        assertThat(ids(runs(api, "result=bad,cancelled"), "Archive")).containsExactly(cancelled, bad);
        assertThat(ids(runs(api, "result=bad&result=good"), "Archive")).containsExactly(bad, good);
        JsonObject runningOnly = runs(api, "result=running");
        assertThat(ids(runningOnly, "Active")).containsExactly(running);
        assertThat(ids(runningOnly, "Archive")).isEmpty();

        assertThat(ids(runs(api, "by=ann"), "Archive")).containsExactly(good);
        assertThat(ids(runs(api, "by=admin"), "Archive")).containsExactly(cancelled, bad);
        assertThat(ids(runs(api, "by=admin"), "Active")).containsExactly(running);
        assertThat(ids(runs(api, "by=user:ann"), "Archive")).containsExactly(good);
        assertThat(ids(runs(api, "by=webhook"), "Archive")).isEmpty();

        assertThat(ids(runs(api, "value.branch=main"), "Archive")).containsExactly(cancelled, good);
        assertThat(ids(runs(api, "value.branch=" + enc("feature/x")), "Active")).containsExactly(running);
        assertThat(ids(runs(api, "value.branch=main&by=ann"), "Archive")).containsExactly(good);

        String since = adopted(api, bad);
        String until = adopted(api, running);
        JsonObject window = runs(api, "since=" + enc(since) + "&until=" + enc(until));
        assertThat(ids(window, "Archive")).containsExactly(cancelled, bad);
        assertThat(ids(window, "Active")).as("until is exclusive").isEmpty();

        JsonObject first = runs(api, "value.branch=main&limit=1");
        assertThat(ids(first, "Archive")).containsExactly(cancelled);
        JsonObject second = runs(api, "value.branch=main&limit=1&before=" + first.get("ArchiveNext").getAsString());
        assertThat(ids(second, "Archive")).containsExactly(good);
        assertThat(second.get("ArchiveNext").isJsonNull()).isTrue();

        assertRefused(api, "result=great", "parameter result: 'great' is not a result; use good, bad, cancelled,"
                + " running or pending");
        assertRefused(api, "since=yesterday", "parameter since: 'yesterday' is not an ISO-8601 time; write e.g."
                + " 2026-12-01T08:00:00Z, 2026-12-01T09:00:00+01:00 or 2026-12-01");
        assertRefused(api, "until=2026-13-01", "parameter until: '2026-13-01' is not an ISO-8601 time");
        assertRefused(api, "since=2026-12-02&until=2026-12-01", "parameter until: 2026-12-01T00:00:00Z is not after"
                + " since 2026-12-02T00:00:00Z");
        assertRefused(api, "value." + enc("a'b") + "=1", "parameter value.a'b: 'a'b' is not a trigger value name");
        assertRefused(api, "by=robot:x", "parameter by: 'robot' is not a kind of starter");
        assertRefused(api, "by=ann&by=bob", "parameter by is given 2 times; give it once");
        Files.delete(hold);
        awaitResult(api, running, "good");
    }

    private String store(String type) throws Exception {
        if (type.equals("local")) {
            return "  store-type: local";
        }
        PostgresServer.TestDatabase db = PostgresServer.shared().newDatabase();
        Path password = dir.resolve("db-password");
        Files.writeString(password, db.password() + "\n");
        return "  store-type: postgres\n  store-url: " + db.url() + "\n  store-user: " + db.user()
                + "\n  store-password-file: " + password;
    }

    private static String trigger(Api api, String branch, String... auth) {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"ci\"},\"Form\":{\"ID\":\"go\",\"Values\":"
                + "{\"branch\":\"" + branch + "\"}}}", auth);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
    }

    private static JsonObject runs(Api api, String query) {
        Api.Answer a = api.get("/flows/ci" + (query.isEmpty() ? "" : "?" + query), Api.admin());
        assertThat(a.status()).as(query + ": " + a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().getAsJsonObject("Runs");
    }

    private static void awaitResult(Api api, String run, String result) throws InterruptedException {
        await(() -> summary(api, run).get("Result").getAsString().equals(result));
    }

    private static JsonObject summary(Api api, String run) {
        return api.get("/flows/ci/runs/" + run, Api.admin()).payload().getAsJsonObject().getAsJsonObject("Summary");
    }

    private static String adopted(Api api, String run) {
        return summary(api, run).get("Adopted").getAsString();
    }

    private static List<String> ids(JsonObject runs, String list) {
        List<String> out = new ArrayList<>();
        JsonArray a = runs.getAsJsonArray(list);
        a.forEach(e -> {
            JsonObject r = e.getAsJsonObject().getAsJsonObject("Ref").getAsJsonObject("Run");
            out.add(r.get("HostID").getAsString() + "-" + r.get("ID").getAsLong());
        });
        return out;
    }

    private static void assertRefused(Api api, String query, String message) {
        Api.Answer a = api.get("/flows/ci?" + query, Api.admin());
        assertThat(a.status()).as(query + ": " + a.body()).isEqualTo(400);
        assertThat(a.message()).startsWith(message);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
