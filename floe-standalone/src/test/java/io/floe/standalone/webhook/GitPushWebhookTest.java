package io.floe.standalone.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.floe.engine.Await;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.StoredRun;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.testflows.TestFlows;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST <base>/push/git} on a real host, with the push payloads GitHub, GitLab and Gitea send. */
class GitPushWebhookTest {
    private static final String SECRET = "It's a Secret to Everybody";
    @TempDir
    Path dir;
    private RunningHost h;
    private Api api;

    @BeforeEach
    void start() throws Exception {
        h = RunningHost.start(TestFlows.text("web-push.yml"), dir);
        api = h.api;
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aGitHubPushStartsTheFlowOfThatRepositoryAndBranchOnly() throws Exception {
        Api.Answer a = github("push", payload("github-push.json"));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        String run = onlyRun(a);
        RunRecord r = ended(run);
        assertThat(r.flow().id()).isEqualTo("web-gh-main");
        assertThat(r.good()).isTrue();
        // the flow gets the repository in the form its trigger names, the branch and the pushed commit
        assertThat(r.opts()).containsEntry("url", "git@github.com:acme/widget.git").containsEntry("branch", "main")
                .containsEntry("hash", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");
        assertThat(r.opts().get("urls")).asList().contains("https://github.com/acme/widget.git",
                "git@github.com:acme/widget.git", "git://github.com/acme/widget.git");

        Api.Answer release = github("push", withRef(payload("github-push.json"), "refs/heads/release/2.0"));
        assertThat(ended(onlyRun(release)).flow().id()).isEqualTo("web-gh-release");
        assertThat(ended(onlyRun(release)).opts()).containsEntry("branch", "release/2.0");

        // release/* is one level: release/2.0/hotfix is not a release branch
        Api.Answer deeper = github("push", withRef(payload("github-push.json"), "refs/heads/release/2.0/hotfix"));
        assertThat(deeper.status()).isEqualTo(200);
        assertThat(runs(deeper)).isEmpty();
        assertThat(deeper.message()).contains("no flow has a git-push trigger for https://github.com/acme/widget.git")
                .contains("branch release/2.0/hotfix");
    }

    @Test
    void aDeliverySentAgainStartsNothingAgainEvenAfterARestart() throws Exception {
        h.close();
        h = RunningHost.start(TestFlows.text("web-push.yml").replace("common:\n", "common:\n  store-type: local\n"),
                dir);
        api = h.api;
        String body = payload("github-push.json");
        String delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
        String first = onlyRun(github("push", body, delivery));
        assertThat(ended(first).opts()).containsEntry("delivery", delivery);

        // GitHub retries when our answer was lost, and people press "Redeliver"
        Api.Answer again = github("push", body, delivery);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(runs(again)).isEmpty();
        assertThat(again.message()).contains("not started again", "already started run " + first);

        // the delivery ids are kept in the store, with the runs they started
        h.close();
        h = RunningHost.start(TestFlows.text("web-push.yml").replace("common:\n", "common:\n  store-type: local\n"),
                dir);
        api = h.api;
        Api.Answer afterRestart = github("push", body, delivery);
        assertThat(runs(afterRestart)).as(afterRestart.body()).isEmpty();
        assertThat(afterRestart.message()).contains("already started run " + first);

        // a new push of the same commit is a new delivery: it starts a run
        String second = onlyRun(github("push", body, "a-new-delivery-1"));
        assertThat(second).isNotEqualTo(first);
        assertThat(h.host.floe().runs(new io.floe.engine.run.RunQuery("web-gh-main", null, 0, null)).runs())
                .hasSize(2);

        Api.Answer odd = github("push", body, "not a delivery id; rm -rf /");
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.message()).contains("X-GitHub-Delivery");
    }

    @Test
    void aPushedTagStartsOnlyTheFlowThatAsksForTags() throws Exception {
        Api.Answer a = github("push", withRef(payload("github-push.json"), "refs/tags/v1.4.0"));
        RunRecord r = ended(onlyRun(a));
        assertThat(r.flow().id()).isEqualTo("web-gh-tags");
        assertThat(r.opts()).containsEntry("tag", "v1.4.0");
    }

    @Test
    void aGitLabPushIsCheckedByItsTokenAndStartsItsFlow() throws Exception {
        String body = payload("gitlab-push.json");
        Api.Answer a = api.post("/push/git", body, "Content-Type", "application/json", "X-Gitlab-Event",
                "Push Hook", "X-Gitlab-Token", SECRET);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        RunRecord r = ended(onlyRun(a));
        assertThat(r.flow().id()).isEqualTo("web-gitlab");
        assertThat(r.opts()).containsEntry("branch", "feature/login-form")
                .containsEntry("hash", "da1560886d4f094c3e6c9ef40349f7d38b5d27d7");

        Api.Answer wrong = api.post("/push/git", body, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "guess");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.message()).contains("X-Gitlab-Token");
        assertThat(api.post("/push/git", body, "X-Gitlab-Event", "Push Hook").status()).isEqualTo(401);
    }

    @Test
    void aGiteaPushIsCheckedByItsSignatureAndStartsItsFlow() throws Exception {
        String body = payload("gitea-push.json");
        // Gitea also sends GitHub's event header; its own signature header is the one that counts
        Api.Answer a = api.post("/push/git", body, "Content-Type", "application/json", "X-Gitea-Event", "push",
                "X-GitHub-Event", "push", "X-Gitea-Signature", hmac(SECRET, body));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        RunRecord r = ended(onlyRun(a));
        assertThat(r.flow().id()).isEqualTo("web-gitea");
        // ssh://git@gitea.example.com:2222/acme/widget.git is the repository the trigger wrote scp-like
        assertThat(r.opts()).containsEntry("url", "git@gitea.example.com:acme/widget.git")
                .containsEntry("branch", "develop");

        Api.Answer forged = api.post("/push/git", body, "X-Gitea-Event", "push", "X-Gitea-Signature",
                hmac("another secret", body));
        assertThat(forged.status()).isEqualTo(401);
    }

    @Test
    void aBadOrMissingSignatureIsRefusedAndStartsNothing() throws Exception {
        String body = payload("github-push.json");
        Api.Answer bad = api.post("/push/git", body, "X-GitHub-Event", "push", "X-Hub-Signature-256",
                "sha256=" + hmac("not the secret", body));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.message()).contains("X-Hub-Signature-256 does not match");
        // a signature of other content: the body was changed on the way
        Api.Answer tampered = api.post("/push/git", body.replace("refs/heads/main", "refs/heads/release/9"),
                "X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac(SECRET, body));
        assertThat(tampered.status()).isEqualTo(401);
        Api.Answer missing = api.post("/push/git", body, "X-GitHub-Event", "push");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.message()).contains("missing X-Hub-Signature-256");
        assertThat(h.host.floe().runs(new io.floe.engine.run.RunQuery("", null, 0, null)).runs()).isEmpty();
    }

    @Test
    void pingsInvalidJsonDeletionsAndOtherEventsGetClearAnswers() throws Exception {
        Api.Answer ping = github("ping", payload("github-ping.json"));
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.message()).isEqualTo("pong");

        Api.Answer invalid = github("push", "{\"ref\": \"refs/heads/main\", ");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.message()).startsWith("bad GitHub push payload: the payload is not JSON");

        JsonObject deleted = JsonParser.parseString(payload("github-push.json")).getAsJsonObject();
        deleted.addProperty("deleted", true);
        deleted.addProperty("after", "0000000000000000000000000000000000000000");
        Api.Answer gone = github("push", deleted.toString());
        assertThat(gone.status()).isEqualTo(200);
        assertThat(gone.message()).isEqualTo("ignored: the push deleted branch main");
        assertThat(runs(gone)).isEmpty();

        Api.Answer issue = github("issues", "{\"action\":\"opened\"}");
        assertThat(issue.status()).isEqualTo(200);
        assertThat(issue.message()).contains("'issues' is not a push");

        Api.Answer anonymous = api.post("/push/git", payload("github-push.json"));
        assertThat(anonymous.status()).isEqualTo(400);
        assertThat(anonymous.message()).contains("X-GitHub-Event");
        assertThat(h.host.floe().runs(new io.floe.engine.run.RunQuery("", null, 0, null)).runs()).isEmpty();
    }

    @Test
    void withoutASecretInTheConfigTheWebhookIsClosed() throws Exception {
        try (RunningHost open = RunningHost.start(TestFlows.text("web-events.yml"), dir.resolve("other"))) {
            String body = payload("github-push.json");
            Api.Answer a = open.api.post("/push/git", body, "X-GitHub-Event", "push", "X-Hub-Signature-256",
                    "sha256=" + hmac("", body));
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.message()).startsWith("webhook-secret is not set in the config");
        }
    }

    /** A new delivery of GitHub's. */
    private Api.Answer github(String event, String body) {
        return github(event, body, java.util.UUID.randomUUID().toString());
    }

    private Api.Answer github(String event, String body, String delivery) {
        return api.post("/push/git", body, "Content-Type", "application/json", "X-GitHub-Event", event,
                "X-GitHub-Delivery", delivery, "User-Agent", "GitHub-Hookshot/044aadd",
                "X-Hub-Signature-256", "sha256=" + hmac(SECRET, body));
    }

    private static List<String> runs(Api.Answer a) {
        JsonArray runs = a.payload().getAsJsonObject().getAsJsonArray("Runs");
        List<String> out = new ArrayList<>();
        runs.forEach(r -> out.add(r.getAsString()));
        return out;
    }

    private static String onlyRun(Api.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<String> runs = runs(a);
        assertThat(runs).as(a.body()).hasSize(1);
        return runs.get(0);
    }

    /** The run once it has ended. */
    private RunRecord ended(String run) throws InterruptedException {
        HostedRef id = HostedRef.parse(run).orElseThrow();
        Await.until(() -> h.host.floe().run(id).map(StoredRun::record).map(RunRecord::ended).isPresent());
        Optional<StoredRun> r = h.host.floe().run(id);
        return r.orElseThrow().record();
    }

    private static String withRef(String json, String ref) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        o.addProperty("ref", ref);
        return o.toString();
    }

    private static String payload(String name) throws IOException {
        try (InputStream in = GitPushWebhookTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The hex HMAC-SHA256 of the UTF-8 body, as the git servers compute it. */
    private static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.isEmpty() ? new byte[1] : secret.getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
