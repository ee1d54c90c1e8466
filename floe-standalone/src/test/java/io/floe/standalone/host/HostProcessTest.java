package io.floe.standalone.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host as an operator runs it: a process started with the original's flags, stopped, killed, restarted. */
class HostProcessTest {
    @TempDir
    Path dir;

    private static final String FLOWS = """
            common: {store-type: local}
            flows:
              - id: long
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: work, listen: trigger.good, type: exec, opts: {shell: "echo working; sleep 600"}}
                  - {name: recover, listen: task.work.error, type: exec, opts: {shell: "echo picked up after restart"}}
                  - {name: end, listen: task.recover.good, type: end}
            """;

    @Test
    void anInvalidConfigExitsWithCodeTwoAndSaysWhere() throws Exception {
        Files.writeString(dir.resolve("default.yml"), "flows:\n  - id: x\n    ver: abc\n");
        try (HostJvm h = HostJvm.start(dir, "-host_name=h1", "-pub_bind=127.0.0.1:0")) {
            assertThat(h.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(h.stderr()).contains("default.yml:3: flow 0 - 'ver' must be an integer, not 'abc'");
        }
    }

    @Test
    void aKilledHostResumesItsRunWhenStartedAgain() throws Exception {
        Files.writeString(dir.resolve("default.yml"), FLOWS);
        int port = HostJvm.freePort();
        String[] flags = {"-tags=linux,go,couch", "-admin=" + RunningHost.ADMIN, "-host_name=h1",
            "-pub_bind=127.0.0.1:" + port, "-root=" + dir.resolve("root")};
        Api api = new Api("http://127.0.0.1:" + port, "/build/api");
        try (HostJvm first = HostJvm.start(dir, flags)) {
            first.awaitOutput("dashboard: http://127.0.0.1:" + port + "/app/dash", Duration.ofSeconds(60));
            assertThat(api.post("/push/data", "{\"Ref\":{\"ID\":\"long\"},\"Form\":{\"ID\":\"go\"}}", Api.admin())
                    .status()).isEqualTo(200);
            Await.until(() -> api.get("/flows/long/runs/h1-1/nodes/work/log", Api.admin()).body()
                    .contains("working"));
            first.kill();
        }
        try (HostJvm second = HostJvm.start(dir, flags)) {
            second.awaitOutput("dashboard:", Duration.ofSeconds(60));
            Await.until(() -> "good".equals(status(api)));
            String log = api.get("/flows/long/runs/h1-1/nodes/work/log", Api.admin()).body();
            assertThat(log).contains("working", "interrupted by host restart");
            assertThat(api.get("/flows/long/runs/h1-1/nodes/recover/log", Api.admin()).body())
                    .contains("picked up after restart");
            second.terminate();
            int code = second.awaitExit(Duration.ofSeconds(30));
            assertThat(code).as("a clean stop on SIGTERM exits 0").isEqualTo(0);
            assertThat(second.stderr()).contains("stopping host h1", "closed run store");
        } finally {
            // the first host's sleep outlived its SIGKILLed JVM; it has no other way to end
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep 600"))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String status(Api api) {
        Api.Answer a = api.get("/flows/long/runs/h1-1", Api.admin());
        return a.status() == 200 ? a.payload().getAsJsonObject().getAsJsonObject("Summary").get("Status")
                .getAsString() : "";
    }
}
