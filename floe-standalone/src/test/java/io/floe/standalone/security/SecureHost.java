package io.floe.standalone.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.auth.PasswordHash;
import java.nio.file.Path;

/**
 * A real host on 127.0.0.1 for the security tests: people of each role ({@code vic} viewer, {@code ann} user,
 * {@code ada} admin), a flow {@code deploy} whose trigger and data node have password fields, and a signed webhook.
 */
final class SecureHost implements AutoCloseable {
    static final String PASSWORD = "pa55 word";
    static final String TRIGGER_SECRET = "tr1gger-s3cret";
    static final String DATA_SECRET = "d4ta-s3cret";

    static final String FLOWS = """
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
                     opts: {form: {title: Approve, fields: [{id: pin, prompt: PIN, type: password}]}}}
                  - {name: use, listen: task.ask.good, type: exec, opts: {shell: "echo used"}}
                  - {name: done, listen: task.use.good, type: end}
            """;

    final RunningHost host;
    final Api api;

    private SecureHost(RunningHost host) {
        this.host = host;
        this.api = host.api;
    }

    /** The config with the users {@code users} (YAML list entries, e.g. {@code {name: ann, role: user}}). */
    static String config(String... users) {
        String hash = PasswordHash.hash(PASSWORD.toCharArray());
        StringBuilder y = new StringBuilder("common:\n  webhook-secret: a-secret\n  users:\n");
        for (String u : users) {
            y.append("    - {name: ").append(u.split(":")[0]).append(", role: ").append(u.split(":")[1])
                    .append(", password-hash: \"").append(hash).append("\"}\n");
        }
        return y + FLOWS;
    }

    /** A host whose people are {@code users}, each {@code name:role}. */
    static SecureHost start(Path dir, String... users) throws Exception {
        return new SecureHost(RunningHost.start(config(users), dir));
    }

    /** A login: the session id (for {@code X-Floe-Auth} or the cookie) and its CSRF token. */
    record Login(String token, String csrf) {
        String cookie() {
            return "floe-sesh=" + token;
        }
    }

    Login login(String user) {
        Api.Answer a = api.post("/login", "{\"User\":\"" + user + "\",\"Password\":\"" + PASSWORD + "\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        var p = a.payload().getAsJsonObject();
        return new Login(p.get("Token").getAsString(), p.get("Csrf").getAsString());
    }

    /** Starts a run of deploy with the admin token; its id. */
    String trigger() {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"deploy\"},\"Form\":{\"ID\":\"start\",\"Values\":"
                + "{\"who\":\"ann\",\"token\":\"" + TRIGGER_SECRET + "\"}}}", Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
    }

    /** Answers run's data node ask with the PIN (admin token), waiting until it asks. */
    void answer(String run) throws InterruptedException {
        String body = "{\"Ref\":{\"ID\":\"deploy\"},\"Run\":\"" + run + "\",\"Form\":{\"ID\":\"ask\",\"Values\":"
                + "{\"pin\":\"" + DATA_SECRET + "\"}}}";
        io.floe.engine.Await.until(() -> api.post("/push/data", body, Api.admin()).status() == 200);
    }

    /** The run's summary status ({@code pending}, {@code running}, {@code good}, {@code bad}). */
    String status(String run) {
        return api.get("/flows/deploy/runs/" + run, Api.admin()).payload().getAsJsonObject()
                .getAsJsonObject("Summary").get("Status").getAsString();
    }

    @Override
    public void close() {
        host.close();
    }
}
