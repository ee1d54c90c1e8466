package io.floe.standalone.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.floe.engine.Await;
import io.floe.engine.spi.NodeTypes;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.host.Host;
import io.floe.standalone.host.HostOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose config lives in a git repository (made in the test, served over file://): it starts from it, reloads
 * it on request and on a push webhook, refuses a broken one and keeps serving the old, and a run under way finishes
 * with the definition it started with.
 */
class ConfigReloadTest {
    @TempDir
    Path dir;
    private Host host;
    private Git git;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (git != null) {
            git.close();
        }
    }

    private static String config(String says, String extraFlow) {
        return """
                common:
                  webhook-secret: s3cret
                flows:
                  - id: deploy
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - name: approve
                        listen: trigger.good
                        type: data
                        opts: {form: {title: Approve, fields: [{id: ok, prompt: ok, type: text}]}}
                      - {name: say, listen: task.approve.good, type: exec, opts: {cmd: "echo %s"}}
                      - {name: end, listen: task.say.good, type: end}
                %s""".formatted(says, extraFlow);
    }

    private String commit(String text) throws Exception {
        Files.writeString(dir.resolve("cfg.git/floe.yml"), text);
        git.add().addFilepattern("floe.yml").call();
        return git.commit().setMessage("config").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                .call().getName();
    }

    @Test
    void theConfigComesFromGitAndReloadsWithoutARestart() throws Exception {
        Files.createDirectories(dir.resolve("cfg.git"));
        git = Git.init().setDirectory(dir.resolve("cfg.git").toFile()).setInitialBranch("master").call();
        String first = commit(config("version one", ""));
        String repo = "file://" + dir.resolve("cfg.git");
        String reference = repo + "/floe.yml";

        HostOptions o = new HostOptions(Path.of(reference), "h1", List.of("master"), RunningHost.ADMIN, "127.0.0.1:0",
                null, null, "", null, null, dir.resolve("root"), false);
        HostConfigSource source = new HostConfigSource(reference, NodeTypes.discover(), Host.configCache(o),
                Clock.systemUTC());
        HostConfigSource.Loaded loaded = source.load();
        assertThat(loaded.origin().commit()).isEqualTo(first);
        host = Host.start(loaded, source, NodeTypes.discover(), o);
        Api api = new Api(host.server().url(), "/build/api");

        String old = trigger(api);
        Await.until(() -> waitsForData(api, old));

        String second = commit(config("version two", """
                  - id: audit
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks: [{name: log, listen: trigger.good, type: exec, opts: {cmd: "true"}}]
                """));
        Api.Answer reload = api.post("/config/reload", "", Api.admin());
        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        assertThat(reload.message()).isEqualTo("reloaded");
        assertThat(flowIds(api)).containsExactly("deploy", "audit");
        JsonObject origin = api.get("/config/source", Api.admin()).payload().getAsJsonObject()
                .getAsJsonObject("Origin");
        assertThat(origin.get("Commit").getAsString()).isEqualTo(second);
        assertThat(origin.get("Kind").getAsString()).isEqualTo("git");

        // the run under way keeps its definition; a new one has the new
        String fresh = trigger(api);
        Await.until(() -> waitsForData(api, fresh));
        approve(api, old);
        approve(api, fresh);
        Await.until(() -> logOf(api, old).contains("version one"));
        Await.until(() -> logOf(api, fresh).contains("version two"));

        // a broken config is refused with file, line and cause; the host keeps the one it has
        commit(config("version three", "  - id: broken\n    ver: abc\n"));
        Api.Answer refused = api.post("/config/reload", "", Api.admin());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).contains("cfg.git/floe.yml:15: flow 1 - 'ver' must be an integer, not 'abc'");
        assertThat(flowIds(api)).containsExactly("deploy", "audit");
        assertThat(api.get("/config/source", Api.admin()).payload().getAsJsonObject().get("LastError")
                .getAsString()).contains("'ver' must be an integer");

        // a push to the config's repository reloads it
        String fixed = commit(config("version four", ""));
        String payload = "{\"ref\":\"refs/heads/master\",\"before\":\"" + second + "\",\"after\":\"" + fixed
                + "\",\"repository\":{\"clone_url\":\"" + repo + "\",\"ssh_url\":\"" + repo + "\"}}";
        Api.Answer pushed = api.post("/push/git", payload, "X-Gitea-Event", "push", "X-Gitea-Signature",
                hmac("s3cret", payload), "Content-Type", "application/json");
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        Await.until(() -> flowIds(api).equals(List.of("deploy")));
        assertThat(api.get("/config/source", Api.admin()).payload().getAsJsonObject().getAsJsonObject("Origin")
                .get("Commit").getAsString()).isEqualTo(fixed);
    }

    @Test
    void aLocalConfigCanSendTheHostToItsRealConfigInARepository() throws Exception {
        Files.createDirectories(dir.resolve("cfg.git"));
        git = Git.init().setDirectory(dir.resolve("cfg.git").toFile()).setInitialBranch("master").call();
        String first = commit(config("from the repository", ""));
        git.branchCreate().setName("staging").call();
        Path key = Files.writeString(dir.resolve("deploy_key"), "not used over file://, but read like a real key\n");
        Path local = dir.resolve("floe.yml");
        Files.writeString(local, """
                common:
                  config-path: "file://%s/floe.yml#staging"
                  key-file: %s
                flows: []
                """.formatted(dir.resolve("cfg.git"), key));
        HostConfigSource source = new HostConfigSource(local.toString(), NodeTypes.discover(), dir.resolve("cache"),
                Clock.systemUTC());
        HostConfigSource.Loaded loaded = source.load();
        assertThat(loaded.origin().kind()).isEqualTo("git");
        assertThat(loaded.origin().commit()).isEqualTo(first);
        assertThat(loaded.config().flows()).extracting(f -> f.id()).containsExactly("deploy");

        Files.writeString(local, "common:\n  config-path: nowhere/floe.yml\nflows: []\n");
        assertThatThrownBy(source::load).hasMessageContaining("nowhere/floe.yml");
    }

    private static String trigger(Api api) {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"deploy\"},\"Form\":{\"ID\":\"go\"}}", Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
    }

    private static boolean waitsForData(Api api, String run) {
        Api.Answer a = api.get("/flows/deploy/runs/" + run, Api.admin());
        return a.status() == 200 && a.body().contains("\"Enabled\": true");
    }

    private static void approve(Api api, String run) {
        assertThat(api.post("/push/data", "{\"Run\":\"" + run + "\",\"Form\":{\"ID\":\"approve\",\"Values\":{\"ok\":"
                + "\"y\"}}}", Api.admin()).status()).isEqualTo(200);
    }

    private static String logOf(Api api, String run) {
        Api.Answer a = api.get("/flows/deploy/runs/" + run + "/nodes/say/log", Api.admin());
        return a.status() == 200 ? a.body() : "";
    }

    private static List<String> flowIds(Api api) {
        List<String> ids = new java.util.ArrayList<>();
        api.get("/flows", Api.admin()).payload().getAsJsonObject().getAsJsonArray("Flows")
                .forEach(f -> ids.add(f.getAsJsonObject().get("ID").getAsString()));
        return ids;
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
