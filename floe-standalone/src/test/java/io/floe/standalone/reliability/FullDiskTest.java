package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.host.HostJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A really full disk (issue 15): a host process whose root is a small tmpfs runs a task that fills it. Soon a commit of
 * the run's next steps cannot be saved, so the host says so on /health and refuses triggers; once the file is deleted the host saves what
 * waited and the run finishes, once, without a restart. Needs to mount a tmpfs (root); skipped where that is not
 * permitted. {@link StoreOutageHostTest} covers the same without a mount.
 */
class FullDiskTest {
    @TempDir
    Path dir;

    @Test
    void aHostWhoseDiskFillsUpRefusesTriggersAndFinishesItsRunOnceSpaceIsFreed() throws Exception {
        Path root = dir.resolve("root");
        Path marks = dir.resolve("marks");
        Files.createDirectories(root);
        Files.createDirectories(marks);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", root.toString()) == 0,
                "mounting a tmpfs is not permitted here");
        try {
            Files.writeString(dir.resolve("default.yml"), """
                    common:
                      store-type: local
                    flows:
                      - id: fill
                        ver: 1
                        triggers: [{name: go, type: data}]
                        tasks:
                          - name: fill
                            listen: trigger.good
                            type: exec
                            opts: {shell: "dd if=/dev/zero of=%1$s/fill bs=64k 2>/dev/null; echo ran >> %2$s/fill"}
                          - {name: a1, listen: task.fill.good, type: exec, opts: {shell: "echo ran >> %2$s/a1"}}
                          - {name: a2, listen: task.a1.good, type: exec, opts: {shell: "echo ran >> %2$s/a2"}}
                          - {name: a3, listen: task.a2.good, type: exec, opts: {shell: "echo ran >> %2$s/a3"}}
                          - {name: a4, listen: task.a3.good, type: exec, opts: {shell: "echo ran >> %2$s/a4"}}
                          - {name: end, listen: task.a4.good, type: end}
                      - id: quick
                        ver: 1
                        triggers: [{name: go, type: data}]
                        tasks:
                          - {name: mark, listen: trigger.good, type: exec, opts: {shell: "echo ran >> %2$s/quick"}}
                          - {name: end, listen: task.mark.good, type: end}
                    """.formatted(root, marks));
            int port = HostJvm.freePort();
            String url = "http://127.0.0.1:" + port;
            try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host.out"), "-admin=" + RunningHost.ADMIN,
                    "-host_name=h1", "-tags=master", "-pub_bind=127.0.0.1:" + port, "-root=" + root)) {
                Api api = new Api(url, "/build/api");
                String run = trigger(api, "fill");
                Await.until(() -> Files.exists(marks.resolve("fill")), Duration.ofSeconds(60));
                awaitOrShow(host, () -> health(api).status() == 503);
                assertThat(health(api).json().get("Store").getAsString()).as(host.output())
                        .contains("the run store cannot write: ");
                Api.Answer refused = api.post("/push/data", "{\"Ref\":{\"ID\":\"quick\"},\"Form\":{\"ID\":\"go\"}}",
                        Api.admin());
                assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                assertThat(refused.message()).contains("the run store cannot write: ", "the trigger was not adopted");
                // the database's last pages of memory may take a commit or two; the next task waits for the store
                assertThat(FormAnswerer.runs(api, "fill", "Archive")).isEmpty();

                Files.delete(root.resolve("fill")); // space freed; the host is not restarted
                awaitOrShow(host, () -> FormAnswerer.runs(api, "fill", "Archive").contains(run));
                Await.until(() -> health(api).status() == 200);
                assertThat(FormAnswerer.runs(api, "fill", "Archive")).containsExactly(run);
                assertThat(FormAnswerer.runs(api, "fill", "Active")).isEmpty();
                assertThat(Files.readAllLines(marks.resolve("fill"))).hasSize(1);
                for (String task : List.of("a1", "a2", "a3", "a4")) {
                    assertThat(Files.readAllLines(marks.resolve(task))).as(task).hasSize(1);
                }
                assertThat(FormAnswerer.runs(api, "quick", "Archive")).isEmpty();
                String quick = trigger(api, "quick");
                Await.until(() -> FormAnswerer.runs(api, "quick", "Archive").contains(quick));
                assertThat(host.stop()).as(host.output()).isIn(0, 143);
            }
        } finally {
            run("umount", root.toString());
        }
    }

    private static String trigger(Api api, String flow) {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"go\"}}",
                Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<String> runs = a.payload().getAsJsonObject().getAsJsonArray("Runs").asList().stream()
                .map(r -> r.getAsString()).toList();
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    private static void awaitOrShow(CrashingHost host, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        try {
            Await.until(condition, Duration.ofSeconds(60));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the host's output:\n" + host.output(), e);
        }
    }

    private static Api.Answer health(Api api) {
        return api.raw("GET", "/health", null);
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
