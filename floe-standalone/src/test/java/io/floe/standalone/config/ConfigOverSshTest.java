package io.floe.standalone.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.node.git.GitSshServer;
import io.floe.engine.node.git.TestRepo;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.host.HostJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host process whose config-path names a file in a repository served over ssh, read with the config's git-key. */
class ConfigOverSshTest {
    @TempDir
    Path dir;

    private static String flows(String id) {
        return "flows:\n  - id: " + id + "\n    ver: 1\n    triggers: [{name: go, type: data}]\n"
                + "    tasks: [{name: a, listen: trigger.good, type: exec, opts: {cmd: \"true\"}}]\n";
    }

    @Test
    void aHostStartsFromItsConfigOverSshAndReloadsIt() throws Exception {
        Path repos = Files.createDirectories(dir.resolve("repos"));
        KeyPair keys = GitSshServer.newKeyPair();
        Path key = GitSshServer.writePrivateKey(keys, dir.resolve("keys/deploy_key"));
        try (TestRepo repo = TestRepo.create(repos, "ops"); GitSshServer ssh = new GitSshServer(repos)) {
            String first = repo.commit(Map.of("floe/cluster.yml", flows("from-ssh")), "config").getName();
            ssh.authorize(keys.getPublic());
            Files.writeString(dir.resolve("floe.yml"), """
                    common:
                      config-path: %s/floe/cluster.yml
                      git-key: %s
                    flows: []
                    """.formatted(ssh.url("ops"), key));
            int port = HostJvm.freePort();
            // the host's own home: known_hosts for the test server is written there, not in the CI user's
            Path home = Files.createDirectories(dir.resolve("home"));
            try (HostJvm host = HostJvm.start(dir, List.of("-Duser.home=" + home), "-host_name=h1",
                    "-admin=" + RunningHost.ADMIN, "-pub_bind=127.0.0.1:" + port, "-conf=floe.yml",
                    "-root=" + dir.resolve("root"))) {
                host.awaitOutput("dashboard:", Duration.ofSeconds(60));
                assertThat(host.stdout()).contains("config: " + ssh.url("ops") + "/floe/cluster.yml at " + first);
                Api api = new Api("http://127.0.0.1:" + port, "/build/api");
                assertThat(api.get("/flows/from-ssh", Api.admin()).status()).isEqualTo(200);

                String second = repo.commit(Map.of("floe/cluster.yml", flows("changed-over-ssh")), "new")
                        .getName();
                Api.Answer reload = api.post("/config/reload", "", Api.admin());
                assertThat(reload.status()).as(reload.body()).isEqualTo(200);
                Await.until(() -> api.get("/flows/changed-over-ssh", Api.admin()).status() == 200);
                assertThat(api.get("/config/source", Api.admin()).body()).contains(second);
                host.terminate();
                host.awaitExit(Duration.ofSeconds(30));
            }
        }
    }
}
