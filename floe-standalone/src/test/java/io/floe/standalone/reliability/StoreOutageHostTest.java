package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose run store cannot write (issue 15): a trigger is answered 503 with the cause and makes no run, /health
 * answers 503 and /metrics counts the failed commits, a task that ends meanwhile starts nothing, and once the store
 * writes again the run finishes, once, without a restart. The store is a real local store whose commits fail while a
 * switch file exists ({@link FaultyLocalStores}); {@link FullDiskTest} does the same on a really full disk.
 */
class StoreOutageHostTest {
    @TempDir
    Path dir;

    private String flows() {
        Path marks = dir.resolve("marks");
        return """
                common:
                  store-type: faulty-local
                flows:
                  - id: quick
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: mark, listen: trigger.good, type: exec, opts: {shell: "echo ran >> %1$s/quick"}}
                      - {name: end, listen: task.mark.good, type: end}
                  - id: build
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - name: first
                        listen: trigger.good
                        type: exec
                        opts: {shell: "echo ran >> %1$s/first; while [ ! -f %2$s ]; do sleep 0.02; done"}
                      - {name: second, listen: task.first.good, type: exec, opts: {shell: "echo ran >> %1$s/second"}}
                      - {name: end, listen: task.second.good, type: end}
                """.formatted(marks, dir.resolve("go"));
    }

    @Test
    void whileTheStoreCannotWriteTriggersAreRefusedTheHostSaysSoAndAfterwardsTheRunFinishesOnce() throws Exception {
        Files.createDirectories(dir.resolve("marks"));
        try (RunningHost h = RunningHost.start(flows(), dir)) {
            Api api = h.api;
            Path diskFull = FaultyLocalStores.diskFull(h.host.floe().storeRoot());
            String run = trigger(api, "build");
            Await.until(() -> Files.exists(dir.resolve("marks/first")));
            assertThat(health(api).status()).isEqualTo(200);

            Files.createFile(diskFull);
            Api.Answer refused = api.post("/push/data", "{\"Ref\":{\"ID\":\"quick\"},\"Form\":{\"ID\":\"go\"}}",
                    Api.admin());
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.message()).contains("the run store cannot write: ", "SQLITE_FULL",
                    "the trigger was not adopted");
            assertThat(refused.payload().getAsJsonObject().getAsJsonArray("Runs")).isEmpty();
            Api.Answer down = health(api);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().get("Store").getAsString()).contains("the run store cannot write: ", "SQLITE_FULL");
            assertThat(metric(api, "floe_store_commit_failures_total")).isPositive();

            Files.createFile(dir.resolve("go")); // task first ends while the store cannot save its end
            Await.until(() -> metric(api, "floe_store_unsaved_changes") > 0);
            assertThat(dir.resolve("marks/second")).doesNotExist();
            assertThat(FormAnswerer.runs(api, "build", "Active")).containsExactly(run);
            Api.Answer data = api.post("/push/data", "{\"Run\":\"" + run + "\",\"Form\":{\"ID\":\"first\"}}",
                    Api.admin());
            assertThat(data.status()).as(data.body()).isEqualTo(503);
            assertThat(data.message()).contains("the run store cannot write: ", "nothing was changed");

            Files.delete(diskFull); // space freed: no restart
            Await.until(() -> FormAnswerer.runs(api, "build", "Archive").contains(run));
            Await.until(() -> health(api).status() == 200);
            assertThat(FormAnswerer.runs(api, "build", "Active")).isEmpty();
            assertThat(FormAnswerer.runs(api, "build", "Archive")).containsExactly(run);
            assertThat(Files.readAllLines(dir.resolve("marks/first"))).hasSize(1);
            assertThat(Files.readAllLines(dir.resolve("marks/second"))).hasSize(1);
            assertThat(FormAnswerer.runs(api, "quick", "Archive")).isEmpty(); // the refused trigger made no run
            assertThat(dir.resolve("marks/quick")).doesNotExist();

            String quick = trigger(api, "quick"); // and triggers are taken again
            Await.until(() -> FormAnswerer.runs(api, "quick", "Archive").contains(quick));
            assertThat(Files.readAllLines(dir.resolve("marks/quick"))).hasSize(1);
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

    private static Api.Answer health(Api api) {
        return api.raw("GET", "/health", null);
    }

    private static double metric(Api api, String name) {
        Api.Answer a = api.raw("GET", "/metrics", null, Api.admin());
        return a.body().lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(name.length() + 1).trim())).findFirst().orElseThrow(() -> new AssertionError(
                "no metric " + name + " in " + a.body()));
    }
}
