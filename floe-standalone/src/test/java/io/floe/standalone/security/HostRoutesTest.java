package io.floe.standalone.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-to-host routes take pends with whole flow definitions: only hosts may call them, never a person's session,
 * and what a pend runs comes from this host's own config, whatever its body says. Ids that would become paths are
 * refused where they enter.
 */
class HostRoutesTest {
    /** A pend as hosts offer it (floe-spec §5.4), of flow {@code flow} ver 1, whose one task runs {@code shell}. */
    private static String pend(String flow, String host, String shell) {
        return """
                {"Ref":{"FlowRef":{"ID":"%1$s","Ver":1},"Run":{"HostID":"%2$s","ID":7},"ExecHost":""},
                 "Flow":{"ID":"%1$s","Ver":1,"Name":"%1$s",
                   "Triggers":[{"ID":"start","Name":"start","Class":"trigger","Type":"data","Opts":{}}],
                   "Tasks":[{"ID":"ask","Name":"ask","Class":"task","Listen":"trigger.good","Type":"exec",
                             "Opts":{"shell":"%3$s"}},
                            {"ID":"done","Name":"done","Class":"task","Listen":"task.ask.good","Type":"end"}]},
                 "TriggeredNode":{"Class":"trigger","ID":"start"},"Opts":{"who":"mallory"}}
                """.formatted(flow, host, shell);
    }

    @TempDir
    Path dir;
    private SecureHost h;
    private Path marker;

    @BeforeEach
    void start() throws Exception {
        h = SecureHost.start(dir.resolve("host"), "ann:user", "ada:admin");
        marker = dir.resolve("pwned");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aPersonsSessionCanNotOfferAPendNotEvenAnAdmins() throws Exception {
        for (String user : new String[] {"ann", "ada"}) {
            SecureHost.Login s = h.login(user);
            Api.Answer a = h.api.post("/p2p/flows/exec", pend("deploy", "elsewhere", "touch " + marker),
                    "X-Floe-Auth", s.token());
            assertThat(a.status()).as(user + ": " + a.body()).isEqualTo(403);
            assertThat(a.message()).contains("is for other hosts only");
            assertThat(h.api.post("/p2p/flows/exec", pend("deploy", "elsewhere", "touch " + marker),
                    "Cookie", s.cookie(), "X-Floe-Csrf", s.csrf(), "Origin", h.api.url).status()).isEqualTo(403);
        }
        assertThat(h.host.host.floe().run(io.floe.engine.event.HostedRef.parse("elsewhere-7").orElseThrow()))
                .isEmpty();
        assertThat(marker).doesNotExist();
    }

    @Test
    void aRemovedUsersSessionCanNotOfferAPend() throws Exception {
        SecureHost.Login ann = h.login("ann");
        Files.writeString(dir.resolve("host/hi1.yml"), SecureHost.config("ada:admin")); // ann is removed
        assertThat(h.api.post("/config/reload", "", Api.admin()).status()).isEqualTo(200);
        Api.Answer a = h.api.post("/p2p/flows/exec", pend("deploy", "elsewhere", "touch " + marker),
                "X-Floe-Auth", ann.token());
        assertThat(a.status()).as(a.body()).isIn(401, 403);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aHostsPendRunsThisHostsOwnDefinitionOfTheFlow() throws Exception {
        Api.Answer a = h.api.post("/p2p/flows/exec", pend("deploy", "elsewhere", "touch " + marker), Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        // the run is this host's deploy: its ask is the config's data node, waiting for its PIN, not the offered exec
        h.answer("elsewhere-7");
        io.floe.engine.Await.until(() -> h.status("elsewhere-7").equals("good"));
        String shown = h.api.get("/p2p/flows/deploy/runs/elsewhere-7", Api.admin()).body();
        assertThat(shown).contains("echo used").doesNotContain(marker.toString());
        assertThat(marker).doesNotExist();
    }

    @Test
    void aPendOfAFlowFileFlowRunsTheFileAsThisHostReadsIt() throws Exception {
        Path other = dir.resolve("ff");
        Files.createDirectories(other);
        Files.writeString(other.resolve("deploy-tasks.yml"), """
                id: deploy
                ver: 1
                tasks:
                  - {name: ask, listen: trigger.good, type: exec, opts: {shell: "echo from the file > file.txt"}}
                  - {name: done, listen: task.ask.good, type: end}
                """);
        String yaml = """
                flows:
                  - id: deploy
                    ver: 1
                    flow-file: deploy-tasks.yml
                    triggers: [{name: start, type: data}]
                """;
        try (RunningHost ff = RunningHost.start(yaml, other)) {
            Api.Answer a = ff.api.post("/p2p/flows/exec", pend("deploy", "elsewhere", "touch " + marker), Api.admin());
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            io.floe.engine.Await.until(() -> ff.api.get("/flows/deploy/runs/elsewhere-7", Api.admin()).payload()
                    .getAsJsonObject().getAsJsonObject("Summary").get("Status").getAsString().equals("good"));
            assertThat(ff.host.floe().workspaceRoot().resolve("spaces/deploy/ws/elsewhere-7/file.txt"))
                    .hasContent("from the file");
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void aPendOfAFlowThisHostDoesNotHaveIsRefusedNamingIt() {
        Api.Answer a = h.api.post("/p2p/flows/exec", pend("evil", "elsewhere", "touch " + marker), Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(422);
        assertThat(a.message()).startsWith("run elsewhere-7 of flow evil ver 1 refused: that flow and ver are not in "
                + "this host's config");
        assertThat(marker).doesNotExist();
    }

    @Test
    void idsThatWouldBePathsAreRefusedWhereTheyEnter() throws Exception {
        for (String[] bad : new String[][] {{"../../../escaped-flow", "elsewhere"}, {"deploy", "../escaped-host"},
                {"de ploy", "elsewhere"}, {"deploy", "a/b"}}) {
            Api.Answer a = h.api.post("/p2p/flows/exec", pend(bad[0], bad[1], "true"), Api.admin());
            assertThat(a.status()).as(a.body()).isEqualTo(400);
            assertThat(a.message()).contains("is not an id");
        }
        for (String rid : new String[] {"..", "%2E%2E", "h1-1%2F..%2F.."}) {
            Api.Answer a = h.api.get("/p2p/flows/deploy/runs/" + rid, Api.admin());
            assertThat(a.status()).as(rid + ": " + a.body()).isIn(400, 404);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.startsWith("escaped"));
        }
    }
}
