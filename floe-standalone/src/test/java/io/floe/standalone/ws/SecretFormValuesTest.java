package io.floe.standalone.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.config.SecretValues;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.StoredRun;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values typed into password fields, of a trigger's form and of a data node's: the run keeps them for its tasks, but
 * neither the run's page (API) nor any websocket event shows them.
 */
class SecretFormValuesTest {
    private static final String TRIGGER_SECRET = "tr1gger-s3cret";
    private static final String DATA_SECRET = "d4ta-s3cret";

    private static final String YAML = """
            flows:
              - id: deploy
                ver: 1
                triggers:
                  - name: start
                    type: data
                    opts:
                      form:
                        title: Deploy
                        fields:
                          - {id: who, prompt: Who, type: text}
                          - {id: token, prompt: Token, type: password}
                tasks:
                  - {name: ask, listen: trigger.good, type: data,
                     opts: {form: {title: Approve, fields: [{id: pin, prompt: PIN, type: Password}]}}}
                  - {name: use, listen: task.ask.good, type: exec, opts: {shell: "echo used > used.txt"}}
                  - {name: done, listen: task.use.good, type: end}
            """;

    @TempDir
    Path dir;

    @Test
    void passwordValuesReachTheRunButNoViewAndNoEvent() throws Exception {
        try (RunningHost h = RunningHost.start(YAML, dir)) {
            Api api = h.api;
            String ws = "ws" + h.host.server().url().substring("http".length()) + "/ws";
            try (LiveClient c = LiveClient.connect(ws, "X-Floe-Auth", RunningHost.ADMIN)) {
                Api.Answer started = api.post("/push/data", "{\"Ref\":{\"ID\":\"deploy\"},\"Form\":{\"ID\":\"start\","
                        + "\"Values\":{\"who\":\"ann\",\"token\":\"" + TRIGGER_SECRET + "\"}}}", Api.admin());
                assertThat(started.status()).as(started.body()).isEqualTo(200);
                String run = started.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
                HostedRef id = HostedRef.parse(run).orElseThrow();
                // the data node asks once it has started
                Await.until(() -> c.has(e -> LiveClient.run(e).equals(run)
                        && "ask".equals(e.getAsJsonObject("SourceNode").get("ID").getAsString())));
                Api.Answer answered = answer(api, run);
                assertThat(answered.status()).as(answered.body()).isEqualTo(200);
                Await.until(() -> c.has(e -> LiveClient.tag(e).equals("sys.end.all") && LiveClient.run(e).equals(run)));

                // the run kept what was typed, for its tasks
                RunRecord rec = h.host.floe().run(id).map(StoredRun::record).orElseThrow();
                assertThat(rec.good()).isTrue();
                assertThat(rec.opts()).containsEntry("token", TRIGGER_SECRET).containsEntry("who", "ann");
                assertThat(Files.readString(h.host.floe().workspaceRoot().resolve("spaces/deploy/ws/" + run
                        + "/used.txt"))).isEqualTo("used\n");

                // but shows it to nobody
                String page = api.get("/flows/deploy/runs/" + run, Api.admin()).body();
                assertThat(page).contains("ann", SecretValues.MASK).doesNotContain(TRIGGER_SECRET, DATA_SECRET);
                String frames = c.events().toString();
                assertThat(frames).contains("ann", SecretValues.MASK, "inbound.data")
                        .doesNotContain(TRIGGER_SECRET, DATA_SECRET);
            }
            // a late client's replay is masked as well
            try (LiveClient late = LiveClient.connect(ws + "?after=0", "X-Floe-Auth", RunningHost.ADMIN)) {
                Await.until(() -> late.has(e -> LiveClient.tag(e).equals("sys.end.all")));
                assertThat(late.events().toString()).doesNotContain(TRIGGER_SECRET, DATA_SECRET);
            }
        }
    }

    private static Api.Answer answer(Api api, String run) {
        return api.post("/push/data", "{\"Ref\":{\"ID\":\"deploy\"},\"Run\":\"" + run + "\",\"Form\":{\"ID\":\"ask\","
                + "\"Values\":{\"pin\":\"" + DATA_SECRET + "\"}}}", Api.admin());
    }
}
