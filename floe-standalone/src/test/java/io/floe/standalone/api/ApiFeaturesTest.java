package io.floe.standalone.api;

import static io.floe.standalone.api.ApiTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.floe.standalone.auth.PasswordHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What floe adds to the original's API: users, cancel, paging, logs, and the fixes of floe-spec §8. */
class ApiFeaturesTest {
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
              users:
                - {name: ann, password-hash: "%s", role: user}
            flows:
              - id: quick
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: say, listen: trigger.good, type: exec, opts: {shell: "for i in $(seq 1 2500); do echo line $i; done"}}
                  - {name: end, listen: task.say.good, type: end}
              - id: quick
                ver: 3
                name: Quick three
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: say, listen: trigger.good, type: exec, opts: {shell: "echo version three"}}
                  - {name: end, listen: task.say.good, type: end}
              - id: quick
                ver: 2
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: say, listen: trigger.good, type: exec, opts: {shell: "echo version two"}}
              - id: slow
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: nap, listen: trigger.good, type: exec, opts: {shell: "sleep 600"}}
            """;

    private Api start(String hostName) throws Exception {
        String yaml = FLOWS.formatted(PasswordHash.hash("s3cret pass".toCharArray()));
        h = RunningHost.start(yaml, dir, hostName, List.of("master"), null, null);
        return h.api;
    }

    private String trigger(Api api, String flow, int ver) {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\",\"Ver\":" + ver
                + "},\"Form\":{\"ID\":\"go\"}}", Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
    }

    @Test
    void configUsersLogInWithTheirPassword() throws Exception {
        Api api = start("h1");
        Api.Answer ok = api.post("/login", "{\"user\":\"ann\",\"password\":\"s3cret pass\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.payload().getAsJsonObject().get("Role").getAsString()).isEqualTo("USER");
        assertThat(api.post("/login", "{\"user\":\"ann\",\"password\":\"wrong\"}").status()).isEqualTo(401);
        String token = ok.payload().getAsJsonObject().get("Token").getAsString();
        Api.Answer reload = api.post("/config/reload", "", "X-Floe-Auth", token);
        assertThat(reload.status()).isEqualTo(403);
        assertThat(reload.message()).contains("is for admins only; ann is a user");
    }

    @Test
    void repeatedWrongPasswordsAreThrottled() throws Exception {
        Api api = start("h1");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/login", "{\"user\":\"admin\",\"password\":\"guess" + i + "\"}").status())
                    .isEqualTo(401);
        }
        Api.Answer blocked = api.post("/login", "{\"user\":\"admin\",\"password\":\"" + RunningHost.ADMIN + "\"}");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.message()).contains("too many failed logins");
    }

    @Test
    void theLatestFlowIsTheHighestVersion() throws Exception {
        Api api = start("h1");
        JsonObject page = api.get("/flows/quick", Api.admin()).payload().getAsJsonObject();
        assertThat(page.getAsJsonObject("Config").get("Ver").getAsInt()).isEqualTo(3);
        String run = trigger(api, "quick", 0);
        await(() -> status(api, "quick", run).equals("good"));
        assertThat(api.get("/flows/quick/runs/" + run + "/nodes/say/log", Api.admin()).body())
                .contains("version three");
    }

    @Test
    void runIdsWhoseHostNameHasDashesWork() throws Exception {
        Api api = start("build-box-2");
        String run = trigger(api, "slow", 1);
        assertThat(run).isEqualTo("build-box-2-1");
        await(() -> status(api, "slow", run).equals("running"));
        Api.Answer cancel = api.post("/flows/slow/runs/" + run + "/cancel", "", Api.admin());
        assertThat(cancel.status()).isEqualTo(200);
        await(() -> status(api, "slow", run).equals("bad"));
        JsonObject view = api.get("/flows/slow/runs/" + run, Api.admin()).payload().getAsJsonObject();
        assertThat(view.getAsJsonObject("Summary").get("Reason").getAsString()).isEqualTo("cancelled: cancelled by "
                + "admin");
        assertThat(view.getAsJsonObject("Summary").get("Result").getAsString()).isEqualTo("cancelled");
        assertThat(view.getAsJsonObject("Summary").getAsJsonObject("StartedBy").get("Text").getAsString())
                .isEqualTo("admin"); // the caller of /push/data, from the request's principal
        JsonObject list = api.get("/flows/slow", Api.admin()).payload().getAsJsonObject();
        assertThat(list.toString()).contains("\"Result\":\"cancelled\"");
        assertThat(api.post("/flows/slow/runs/" + run + "/cancel", "", Api.admin()).status()).isEqualTo(409);
    }

    @Test
    void theDashboardsOwnFilesAreServedToAnyone() throws Exception {
        Api api = start("h1");
        Api.Answer js = api.raw("GET", "/static/js/run/head.js", null);
        assertThat(js.status()).as(js.body()).isEqualTo(200);
        assertThat(js.body()).contains("rerun");
    }

    @Test
    void aRerunStartsTheSameFlowVersionAgainAndSaysWhatItReRan() throws Exception {
        Api api = start("h1");
        String old = trigger(api, "quick", 2); // not the latest: a re-run keeps the version the run had
        await(() -> status(api, "quick", old).equals("good"));
        Api.Answer a = api.post("/flows/quick/runs/" + old + "/rerun", "", Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        String again = a.payload().getAsJsonObject().get("Run").getAsString();
        assertThat(a.payload().getAsJsonObject().get("RerunOf").getAsString()).isEqualTo(old);
        await(() -> status(api, "quick", again).equals("good"));
        assertThat(api.get("/flows/quick/runs/" + again + "/nodes/say/log", Api.admin()).body())
                .contains("version two");
        JsonObject by = api.get("/flows/quick/runs/" + again, Api.admin()).payload().getAsJsonObject()
                .getAsJsonObject("Summary").getAsJsonObject("StartedBy");
        assertThat(by.get("Kind").getAsString()).isEqualTo("rerun");
        assertThat(by.get("RerunOf").getAsString()).isEqualTo(old);
        assertThat(by.get("Text").getAsString()).isEqualTo("admin (re-run of " + old + ")");

        String running = trigger(api, "slow", 1);
        Api.Answer busy = api.post("/flows/slow/runs/" + running + "/rerun", "", Api.admin());
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.message()).isEqualTo("run " + running + " has not ended: wait for its end, or cancel it, before"
                + " re-running it");
        Api.Answer missing = api.post("/flows/quick/runs/h1-99/rerun", "", Api.admin());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.message()).isEqualTo("run h1-99 of flow quick is not in the run store of host h1");
    }

    @Test
    void theArchiveIsPagedAndLogsAreWholeOrPaged() throws Exception {
        Api api = start("h1");
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(trigger(api, "quick", 1));
        }
        await(() -> api.get("/flows/quick", Api.admin()).payload().getAsJsonObject().getAsJsonObject("Runs")
                .getAsJsonArray("Archive").size() == 5);
        List<String> seen = new ArrayList<>();
        String before = "";
        do {
            JsonObject r = api.get("/flows/quick?limit=2" + (before.isEmpty() ? "" : "&before=" + before),
                    Api.admin()).payload().getAsJsonObject().getAsJsonObject("Runs");
            JsonArray archive = r.getAsJsonArray("Archive");
            assertThat(archive.size()).isLessThanOrEqualTo(2);
            archive.forEach(e -> seen.add(e.getAsJsonObject().getAsJsonObject("Ref").getAsJsonObject("Run")
                    .get("HostID").getAsString() + "-" + e.getAsJsonObject().getAsJsonObject("Ref")
                    .getAsJsonObject("Run").get("ID").getAsLong()));
            before = r.get("ArchiveNext").isJsonNull() ? "" : r.get("ArchiveNext").getAsString();
        } while (!before.isEmpty());
        List<String> newestFirst = new ArrayList<>(runs);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        String run = runs.get(0);
        String whole = api.get("/flows/quick/runs/" + run + "/nodes/say/log", Api.admin()).body();
        assertThat(whole).contains("line 1\n", "line 2500\n");
        JsonObject page = api.get("/flows/quick/runs/" + run + "/nodes/say/log?from=2000&max=10", Api.admin())
                .payload().getAsJsonObject();
        assertThat(page.getAsJsonArray("Lines").get(0).getAsString()).isEqualTo("line 1998");
        assertThat(page.get("Total").getAsLong()).isEqualTo(2503);
        JsonObject view = api.get("/flows/quick/runs/" + run, Api.admin()).payload().getAsJsonObject();
        JsonObject say = view.getAsJsonArray("Graph").get(0).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(say.get("LogLines").getAsLong()).isEqualTo(2503);
        assertThat(say.getAsJsonArray("Logs")).hasSize(500);
    }

    private static String status(Api api, String flow, String run) {
        Api.Answer a = api.get("/flows/" + flow + "/runs/" + run, Api.admin());
        return a.status() == 200 ? a.payload().getAsJsonObject().getAsJsonObject("Summary").get("Status")
                .getAsString() : "";
    }
}
