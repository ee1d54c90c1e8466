package io.floe.standalone.api;

import static io.floe.standalone.api.ApiTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.floe.engine.workspace.FileTrees;
import io.floe.standalone.auth.PasswordHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST …/runs/{run}/rerun?from=failed|<node>}: who may, what it starts, and what it refuses and why. */
class RerunFromApiTest {
    @TempDir
    Path dir;
    private RunningHost h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    /** build writes a file and logs a line to the ledger; check fails until the file {@code fixed} is there. */
    private String config() {
        String hash = PasswordHash.hash("s3cret pass".toCharArray());
        return """
                common:
                  users:
                    - {name: ann, password-hash: "%1$s", role: user}
                    - {name: vic, password-hash: "%1$s", role: viewer}
                flows:
                  - id: ship
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: build, listen: trigger.good, type: exec, opts: {shell: "echo build >> %2$s; echo x > out.txt"}}
                      - {name: check, listen: task.build.good, type: exec, opts: {shell: "echo check >> %2$s; test -f out.txt && test -f %3$s"}}
                      - {name: end, listen: task.check.good, type: end}
                  - id: slow
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: nap, listen: trigger.good, type: exec, opts: {shell: "sleep 600"}}
                """.formatted(hash, dir.resolve("ledger"), dir.resolve("fixed"));
    }

    private String login(Api api, String user) {
        Api.Answer a = api.post("/login", "{\"User\":\"" + user + "\",\"Password\":\"s3cret pass\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().get("Token").getAsString();
    }

    private String ended(Api api, String run) throws InterruptedException {
        await(() -> !status(api, run).isEmpty() && !status(api, run).equals("running")
                && !status(api, run).equals("pending"));
        return status(api, run);
    }

    private static String status(Api api, String run) {
        Api.Answer a = api.get("/flows/ship/runs/" + run, Api.admin());
        return a.status() == 200 ? a.payload().getAsJsonObject().getAsJsonObject("Summary").get("Status")
                .getAsString() : "";
    }

    @Test
    void aUserReRunsFromTheFailedStepAViewerMayNot() throws Exception {
        h = RunningHost.start(config(), dir, "h1", List.of("master"), null, null);
        Api api = h.api;
        Api.Answer t = api.post("/push/data", "{\"Ref\":{\"ID\":\"ship\"},\"Form\":{\"ID\":\"go\"}}", Api.admin());
        String first = t.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
        assertThat(ended(api, first)).isEqualTo("bad");

        Api.Answer viewer = api.post("/flows/ship/runs/" + first + "/rerun?from=failed", "", "X-Floe-Auth",
                login(api, "vic"));
        assertThat(viewer.status()).isEqualTo(403);

        Files.writeString(dir.resolve("fixed"), "yes");
        Api.Answer a = api.post("/flows/ship/runs/" + first + "/rerun?from=failed", "", "X-Floe-Auth",
                login(api, "ann"));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.message()).startsWith("re-run of " + first + " from the failed steps started as ");
        JsonObject p = a.payload().getAsJsonObject();
        assertThat(p.get("RerunOf").getAsString()).isEqualTo(first);
        assertThat(p.get("RerunFrom").getAsString()).isEqualTo("failed");
        String again = p.get("Run").getAsString();
        assertThat(ended(api, again)).isEqualTo("good");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("build", "check", "check");

        JsonObject by = api.get("/flows/ship/runs/" + again, Api.admin()).payload().getAsJsonObject()
                .getAsJsonObject("Summary").getAsJsonObject("StartedBy");
        assertThat(by.get("RerunFrom").getAsString()).isEqualTo("failed");
        assertThat(by.get("Text").getAsString()).isEqualTo("ann (re-run of " + first + " from the failed steps)");

        Api.Answer good = api.post("/flows/ship/runs/" + again + "/rerun?from=failed", "", Api.admin());
        assertThat(good.status()).isEqualTo(409);
        assertThat(good.message()).isEqualTo("run " + again + " ended good: no step failed to re-run from; re-run it"
                + " whole, or name a node with from=<node id>");
        Api.Answer fromCheck = api.post("/flows/ship/runs/" + again + "/rerun?from=check", "", Api.admin());
        assertThat(fromCheck.status()).as(fromCheck.body()).isEqualTo(200);
        assertThat(ended(api, fromCheck.payload().getAsJsonObject().get("Run").getAsString())).isEqualTo("good");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("build", "check", "check", "check");
    }

    @Test
    void aMissingNodeAnEmptyFromARunningRunAndAGoneWorkspaceAreRefusedSayingWhy() throws Exception {
        h = RunningHost.start(config(), dir, "h1", List.of("master"), null, null);
        Api api = h.api;
        Api.Answer t = api.post("/push/data", "{\"Ref\":{\"ID\":\"ship\"},\"Form\":{\"ID\":\"go\"}}", Api.admin());
        String first = t.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
        assertThat(ended(api, first)).isEqualTo("bad");

        Api.Answer nosuch = api.post("/flows/ship/runs/" + first + "/rerun?from=deploy", "", Api.admin());
        assertThat(nosuch.status()).isEqualTo(400);
        assertThat(nosuch.message()).isEqualTo("flow ship version 1 (which run " + first + " ran) has no node deploy"
                + " to re-run from; its nodes: build, check, end");
        Api.Answer empty = api.post("/flows/ship/runs/" + first + "/rerun?from=", "", Api.admin());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.message()).isEqualTo("from is empty: give from=failed or from=<node id>");

        Path ws = h.host.floe().workspaceRoot().resolve("spaces/ship/ws/" + first).toAbsolutePath().normalize();
        assertThat(ws).isDirectory();
        FileTrees.delete(ws);
        Api.Answer gone = api.post("/flows/ship/runs/" + first + "/rerun?from=failed", "", Api.admin());
        assertThat(gone.status()).isEqualTo(409);
        assertThat(gone.message()).isEqualTo("the workspace of run " + first + " (" + ws + ") is gone, so what its"
                + " steps left there can not be taken over: re-run it whole instead (leave out from)");
        assertThat(Files.readAllLines(dir.resolve("ledger"))).containsExactly("build", "check"); // nothing started

        String running = api.post("/push/data", "{\"Ref\":{\"ID\":\"slow\"},\"Form\":{\"ID\":\"go\"}}", Api.admin())
                .payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
        Api.Answer busy = api.post("/flows/slow/runs/" + running + "/rerun?from=nap", "", Api.admin());
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.message()).isEqualTo("run " + running + " has not ended: wait for its end, or cancel it,"
                + " before re-running it");
        api.post("/flows/slow/runs/" + running + "/cancel", "", Api.admin());
    }
}
