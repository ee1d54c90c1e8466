package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.testflows.TestFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security checks on a real host: paths from forms and config that try to leave their folders ({@code sub-dir},
 * {@code location}, a git flow-file's path, a node's log) are refused. Who may call which route is walked by
 * {@code security/RoleTableTest}.
 */
class SecurityTest {
    @TempDir
    Path dir;
    private RunningHost h;
    private Api api;
    private String run;

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
    void aCorsPreflightNeedsNoCredentials() {
        assertThat(api.raw("OPTIONS", api.base + "/flows", null, "Origin", "http://elsewhere.example",
                "Access-Control-Request-Method", "POST").status()).isEqualTo(200);
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
}
