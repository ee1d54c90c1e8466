package io.floe.standalone.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.floe.engine.Await;
import io.floe.engine.run.RunQuery;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /push/data} on a real host (issue 14, findings 2, 3 and the {@code Ver} of 8): a request feeds a flow
 * data, never code. Only a form's declared fields are taken, with their types checked, for a trigger and for a data
 * node's answer alike; a field named like a code-bearing option changes nothing about what runs; tasks read values as
 * {@code FLOE_VALUE_*}, verbatim; a form's {@code branch} still feeds the first git-checkout.
 */
class FormValuesApiTest {
    @TempDir
    Path dir;
    private RunningHost h;
    private Api api;
    private Path evil;

    private static final String YAML = """
            flows:
              - id: values
                ver: 1
                triggers:
                  - name: start
                    type: data
                    opts:
                      url: "%1$s"
                      branch: main
                      form:
                        title: Start
                        fields:
                          - {id: branch, prompt: Branch, type: text}
                          - {id: note, prompt: Note, type: text}
                          - {id: fast, prompt: Fast, type: bool}
                          - {id: count, prompt: Count, type: int}
                          - {id: cmd, prompt: Cmd, type: text}
                          - {id: shell, prompt: Shell, type: text}
                          - {id: args, prompt: Args, type: text}
                          - {id: env, prompt: Env, type: text}
                          - {id: sub-dir, prompt: Sub-dir, type: text}
                          - {id: key-file, prompt: Key, type: text}
                tasks:
                  - name: show
                    listen: trigger.good
                    type: exec
                    opts: {sub-dir: work, shell: 'echo "configured note=$FLOE_VALUE_NOTE"'}
                  - name: checkout
                    listen: trigger.good
                    type: git-checkout
                    opts: {sub-dir: src}
                  - name: read
                    listen: task.checkout.good
                    type: exec
                    opts: {shell: "cat src/proj/app.txt"}
                  - {id: both, class: merge, type: all, wait: [task.show.good, task.read.good]}
                  - name: approve
                    listen: merge.both.good
                    type: data
                    opts: {form: {title: Approve, fields: [{id: release-tag, prompt: Tag, type: text}]}}
                  - name: after
                    listen: task.approve.good
                    type: exec
                    opts: {shell: 'echo "tag=$FLOE_VALUE_RELEASE_TAG"'}
                  - {name: done, listen: task.after.good, type: end}
            """;

    @BeforeEach
    void start() throws Exception {
        Path repo = dir.resolve("proj");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("app.txt"), "on main\n");
            git.add().addFilepattern("app.txt").call();
            git.commit().setMessage("main").setAuthor("t", "t@example.invalid").setCommitter("t", "t@example.invalid")
                    .call();
            git.checkout().setCreateBranch(true).setName("feature/x").call();
            Files.writeString(repo.resolve("app.txt"), "on feature\n");
            git.commit().setAll(true).setMessage("feature").setAuthor("t", "t@example.invalid")
                    .setCommitter("t", "t@example.invalid").call();
        }
        evil = dir.resolve("evil.sh");
        Files.writeString(evil, "echo INJECTED-BASH-ENV\n");
        h = RunningHost.start(YAML.formatted(repo.toUri()), dir.resolve("host"));
        api = h.api;
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void undeclaredNamesAre400NamingThemAndTheFormAndStartNothing() {
        Api.Answer a = push("{\"Ref\":{\"ID\":\"values\"},\"Form\":{\"ID\":\"start\",\"Values\":{\"note\":\"x\","
                + "\"BASH_ENV\":\"" + evil + "\",\"location\":\"work/show.sh\"}}}");
        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.message()).isEqualTo("the form 'Start' of trigger start of flow values has no fields BASH_ENV,"
                + " location: send only its fields branch, note, fast, count, cmd, shell, args, env, sub-dir,"
                + " key-file");
        assertThat(h.host.floe().runs(new RunQuery("", Set.of(), 10, null)).runs()).isEmpty();
    }

    @Test
    void valuesOfTheWrongTypeAre400() {
        Api.Answer bool = push(trigger("{\"fast\":\"maybe\"}"));
        assertThat(bool.status()).isEqualTo(400);
        assertThat(bool.message()).isEqualTo("field fast of the form 'Start' of trigger start of flow values takes"
                + " true or false, not 'maybe'");
        Api.Answer count = push(trigger("{\"count\":\"3; rm -rf /\"}"));
        assertThat(count.status()).isEqualTo(400);
        assertThat(count.message()).contains("field count", "takes a whole number");
        Api.Answer list = push(trigger("{\"env\":[\"BASH_ENV=" + evil + "\"]}"));
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.message()).contains("field env", "takes text, not a list");
        settled(started(push(trigger("{\"fast\":true,\"count\":3}"))), "on main");
    }

    @Test
    void fieldsNamedLikeCodeOptionsChangeNothingThatRunsAndTheBranchFeedsTheCheckout() throws Exception {
        Path marker = dir.resolve("pwned");
        String note = "$(touch " + marker + ") `touch " + marker + "`; touch " + marker + " {{ws}} $HOME";
        JsonObject values = new JsonObject();
        values.addProperty("note", note);
        values.addProperty("cmd", "touch " + marker);
        values.addProperty("shell", "touch " + marker);
        values.addProperty("args", "; touch " + marker);
        values.addProperty("env", "BASH_ENV=" + evil);
        values.addProperty("sub-dir", "../../../..");
        values.addProperty("key-file", dir.resolve("no-such-key").toString());
        values.addProperty("branch", "feature/x");
        String run = started(push(trigger(values.toString())));

        settled(run, "on feature");
        assertThat(log(run, "show")).contains("/work", "configured note=" + note).doesNotContain("INJECTED");
        assertThat(log(run, "checkout")).contains("git clone --branch feature/x").doesNotContain("no-such-key");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aDataNodeTakesItsDeclaredFieldsOnlyAndTheyReachLaterTasks() throws Exception {
        String run = started(push(trigger("{}")));
        settled(run, "on main");
        Await.until(() -> answer(run, "{\"release-tag\":\"v1\",\"cmd\":\"id\"}").status() == 400,
                Duration.ofSeconds(60));
        Api.Answer bad = answer(run, "{\"release-tag\":\"v1\",\"cmd\":\"id\"}");
        assertThat(bad.message()).isEqualTo("the form 'Approve' of data node approve of flow values has no field cmd:"
                + " send only its fields release-tag");
        assertThat(answer(run, "{\"release-tag\":\"v2 `id`\"}").status()).isEqualTo(200);
        Await.until(() -> log(run, "after").lines().anyMatch(l -> l.startsWith("tag=")), Duration.ofSeconds(60));
        assertThat(log(run, "after")).contains("tag=v2 `id`");
    }

    @Test
    void aVersionOutOfRangeIs400NamingIt() {
        for (String ver : new String[] {"1099511627776", "-1", "1.5", "\"1\"", "4294967297"}) {
            Api.Answer a = push("{\"Ref\":{\"ID\":\"values\",\"Ver\":" + ver + "},\"Form\":{\"ID\":\"start\"}}");
            assertThat(a.status()).as(ver + ": " + a.body()).isEqualTo(400);
            assertThat(a.message()).as(ver).startsWith("Ref.Ver must be a whole number from 0");
        }
        settled(started(push("{\"Ref\":{\"ID\":\"values\",\"Ver\":1},\"Form\":{\"ID\":\"start\"}}")), "on main");
    }

    /** Waits until the run's first tasks are done (their output lines, not the command lines, are there). */
    private void settled(String run, String checkedOut) {
        Await.until(() -> log(run, "read").contains(checkedOut)
                && log(run, "show").lines().anyMatch(l -> l.startsWith("configured")), Duration.ofSeconds(60));
        Await.until(() -> answer(run, "{\"nope\":\"\"}").status() == 400, Duration.ofSeconds(60));
    }

    private static String trigger(String values) {
        return "{\"Ref\":{\"ID\":\"values\",\"Ver\":1},\"Form\":{\"ID\":\"start\",\"Values\":" + values + "}}";
    }

    private Api.Answer push(String body) {
        return api.post("/push/data", body, Api.admin());
    }

    private Api.Answer answer(String run, String values) {
        return push("{\"Run\":\"" + run + "\",\"Form\":{\"ID\":\"approve\",\"Values\":" + values + "}}");
    }

    private static String started(Api.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
    }

    private String log(String run, String node) {
        Api.Answer a = api.get("/flows/values/runs/" + run + "/nodes/" + node + "/log", Api.admin());
        return a.status() == 200 ? a.body() : "";
    }
}
