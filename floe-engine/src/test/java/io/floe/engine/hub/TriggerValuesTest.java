package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.DataReceipt;
import io.floe.engine.Floe;
import io.floe.engine.ValuesRefused;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.node.git.TestRepo;
import io.floe.engine.run.RunQuery;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.store.local.MemoryRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values that people and webhooks send are data (issue 14, findings 2 and 3): a form takes its declared fields only,
 * each of its type; a value named like a code-bearing option ({@code cmd}, {@code shell}, {@code args}, {@code env},
 * {@code sub-dir}, {@code key-file}) changes nothing about what runs; a value may still fill an option the task leaves
 * open (a git-checkout's {@code branch}); and tasks read values as {@code FLOE_VALUE_*} variables, verbatim.
 */
class TriggerValuesTest {
    @TempDir
    Path dir;
    private TestRepo repo;
    private Path evil;
    private Floe floe;
    private final EventRecorder events = new EventRecorder();

    private static final String YAML = """
            flows:
              - id: build
                ver: 1
                env: [FROM_FLOW=flow-env]
                triggers:
                  - name: start
                    type: data
                    opts:
                      url: %1$s
                      branch: master
                      env: [FROM_TRIGGER=trigger-env]
                      form:
                        title: Start a build
                        fields:
                          - {id: branch, prompt: Branch, type: text, value: master}
                          - {id: note, prompt: Note, type: text}
                          - {id: token, prompt: Token, type: password}
                          - {id: cmd, prompt: a field named like an option, type: text}
                          - {id: shell, prompt: Shell, type: text}
                          - {id: args, prompt: Args, type: text}
                          - {id: env, prompt: Env, type: text}
                          - {id: sub-dir, prompt: Sub dir, type: text}
                          - {id: key-file, prompt: Key, type: text}
                          - {id: fast, prompt: "Fast?", type: bool}
                          - {id: count, prompt: How many, type: int}
                          - {id: size, prompt: Size, type: select, options: [small, large]}
                  - name: hook
                    type: git-push
                tasks:
                  - name: show
                    listen: trigger.good
                    type: exec
                    opts:
                      sub-dir: work
                      shell: >-
                        echo "configured $FROM_FLOW $FROM_TRIGGER";
                        echo "note=$FLOE_VALUE_NOTE";
                        echo "branch=$FLOE_VALUE_BRANCH sub=$FLOE_VALUE_SUB_DIR token=$FLOE_VALUE_TOKEN"
                  - name: checkout
                    listen: trigger.good
                    type: git-checkout
                    opts: {sub-dir: src}
                  - name: read
                    listen: task.checkout.good
                    type: exec
                    opts: {shell: "cat src/proj/app.txt"}
                  - id: both
                    class: merge
                    type: all
                    wait: [task.show.good, task.read.good]
                  - name: ask
                    listen: merge.both.good
                    type: data
                    opts: {form: {title: Release, fields: [{id: release-tag, prompt: Tag, type: text},
                           {id: branch, prompt: Branch again, type: text}]}}
                  - name: after
                    listen: task.ask.good
                    type: exec
                    opts: {shell: 'echo "tag=$FLOE_VALUE_RELEASE_TAG branch=$FLOE_VALUE_BRANCH"'}
                  - name: done
                    listen: task.after.good
                    type: end
            """;

    @BeforeEach
    void start() throws Exception {
        repo = TestRepo.create(Files.createDirectories(dir.resolve("repos")), "proj");
        repo.commit(Map.of("app.txt", "on master\n"), "master work");
        repo.newBranch("feature/x").commit(Map.of("app.txt", "on feature\n"), "feature work");
        repo.checkout("master");
        evil = dir.resolve("evil.sh");
        Files.writeString(evil, "echo INJECTED-BASH-ENV\n");
        FloeConfig cfg = ConfigLoader.parse(YAML.formatted(repo.fileUrl()), "test.yml", dir, NodeTypes.discover());
        floe = Floe.builder(cfg).hostId("h1").workspaceRoot(dir.resolve("root")).store(new MemoryRunStore())
                .scheduleTriggers(false).build();
        floe.observe(events);
        floe.start();
    }

    @AfterEach
    void stop() {
        if (floe != null) {
            floe.close();
        }
        repo.close();
    }

    private String output(HostedRef run, String node) {
        return String.join("\n", events.output(run, node));
    }

    @Test
    void formFieldsNamedLikeCodeOptionsChangeNothingThatRuns() {
        Map<String, Object> values = Map.of("cmd", "echo INJECTED-CMD", "shell", "echo INJECTED-SHELL",
                "args", "INJECTED-ARG", "env", "BASH_ENV=" + evil, "sub-dir", "elsewhere",
                "key-file", dir.resolve("no-such-key").toString(), "branch", "feature/x");
        HostedRef run = floe.trigger("build", "start", values).join().pends().get(0).id();
        events.awaitTag(run, Tags.SYS_DATA_REQUIRED);

        String show = output(run, "show");
        assertThat(show).contains("in dir: ", "/work", "configured flow-env trigger-env")
                .doesNotContain("INJECTED", "elsewhere/");
        // the field's value is data the task can read, and the checkout used neither the key nor the sub-dir
        assertThat(show).contains("sub=elsewhere");
        assertThat(output(run, "checkout")).contains("git clone --branch feature/x").doesNotContain("no-such-key");
        assertThat(output(run, "read")).contains("on feature");
    }

    @Test
    void webhookDataNamedLikeCodeOptionsChangesNothingThatRuns() throws Exception {
        // a git-push trigger has no form: its event opts are the payload, still data
        Path marker = dir.resolve("marker");
        Map<String, Object> payload = Map.of("cmd", "touch " + marker, "shell", "touch " + marker,
                "args", List.of(";", "touch", marker.toString()), "env", List.of("BASH_ENV=" + evil,
                        "BASH_FUNC_echo%%=() { /bin/echo INJECTED-FUNC; }"),
                "sub-dir", "../../..", "key-file", dir.resolve("no-such-key").toString(),
                "location", "work/show.sh", "branch", "master", "url", repo.fileUrl());
        HostedRef run = floe.trigger("build", "hook", payload).join().pends().get(0).id();
        events.awaitTag(run, Tags.SYS_DATA_REQUIRED);

        assertThat(output(run, "show")).contains("configured flow-env", "/work").doesNotContain("INJECTED");
        assertThat(output(run, "read")).contains("on master");
        assertThat(marker).doesNotExist();
    }

    @Test
    void valuesReachAShellTaskVerbatimAndAreNeverExecuted() {
        Path marker = dir.resolve("pwned");
        String note = "$(touch " + marker + ") `touch " + marker + "`; touch " + marker + " $HOME {{ws}} ./x 'q\" \\";
        HostedRef run = floe.trigger("build", "start", Map.of("note", note, "token", "s3cret-pass"))
                .join().pends().get(0).id();
        events.awaitTag(run, Tags.SYS_DATA_REQUIRED);

        assertThat(events.output(run, "show")).contains("note=" + note);
        assertThat(marker).doesNotExist();
        // a password is exported (the task needs it) but its output is masked; an unsent field gets its default
        assertThat(output(run, "show")).contains("branch=master sub= token=********").doesNotContain("s3cret-pass");
    }

    @Test
    void aDataNodesAnswersReachLaterTasksAndTheLaterAnswerWins() {
        HostedRef run = floe.trigger("build", "start", Map.of("branch", "feature/x")).join().pends().get(0).id();
        events.awaitTag(run, Tags.SYS_DATA_REQUIRED);
        DataReceipt r = floe.supplyData(run, "ask", Map.of("release-tag", "v1.2 $(id)", "branch", "main")).join();
        assertThat(r.accepted()).isTrue();
        assertThat(events.awaitEnd(run).good()).isTrue();
        assertThat(events.output(run, "after")).contains("tag=v1.2 $(id) branch=main");
    }

    @Test
    void unknownNamesAreRefusedNamingThemAndTheFormAndStartNothing() {
        assertThatThrownBy(() -> floe.trigger("build", "start", Map.of("branch", "x", "BASH_ENV", "/tmp/e",
                "zzz", "1")).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(ValuesRefused.class)
                .hasMessage("the form 'Start a build' of trigger start of flow build has no fields BASH_ENV, zzz: send"
                        + " only its fields branch, note, token, cmd, shell, args, env, sub-dir, key-file, fast, count,"
                        + " size");
        assertThat(floe.runs(new RunQuery("", Set.of(), 10, null)).runs()).isEmpty();
        assertThat(events.all()).isEmpty();
    }

    @Test
    void dataNodeAnswersWithUnknownNamesAreRefused() {
        HostedRef run = floe.trigger("build", "start", Map.of()).join().pends().get(0).id();
        events.awaitTag(run, Tags.SYS_DATA_REQUIRED);
        DataReceipt r = floe.supplyData(run, "ask", Map.of("release-tag", "v1", "cmd", "id")).join();
        assertThat(r.accepted()).isFalse();
        assertThat(r.badValues()).isTrue();
        assertThat(r.message()).isEqualTo("the form 'Release' of data node ask of flow build has no field cmd: send"
                + " only its fields release-tag, branch");
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() {
        assertThat(refusal(Map.of("fast", "maybe"))).isEqualTo("field fast of the form 'Start a build' of trigger"
                + " start of flow build takes true or false, not 'maybe'");
        assertThat(refusal(Map.of("count", "12x"))).contains("field count", "takes a whole number, not '12x'");
        assertThat(refusal(Map.of("count", 1.5))).contains("field count", "not '1.5'");
        assertThat(refusal(Map.of("size", "huge"))).contains("field size", "takes one of its options (small, large)");
        assertThat(refusal(Map.of("note", List.of("a")))).contains("field note", "takes text, not a list");
        assertThat(refusal(Map.of("token", Map.of("x", 1)))).contains("field token", "not the value sent");

        HostedRef run = floe.trigger("build", "start", Map.of("fast", true, "count", 42.0, "size", "large"))
                .join().pends().get(0).id();
        assertThat(floe.run(run).orElseThrow().record().opts()).containsEntry("fast", "true")
                .containsEntry("count", "42").containsEntry("size", "large");
        // its tasks write into the temp folder: closing the host under a running checkout left files behind that
        // the folder's removal then failed on (seen on a loaded machine); the run waits at its form when they are done
        events.awaitTag(run, Tags.SYS_DATA_REQUIRED);
    }

    private String refusal(Map<String, Object> values) {
        try {
            floe.trigger("build", "start", values).join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(ValuesRefused.class);
            return e.getCause().getMessage();
        }
        throw new AssertionError("accepted " + values);
    }
}
