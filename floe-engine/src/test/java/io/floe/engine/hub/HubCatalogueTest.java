package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.TriggerCall;
import io.floe.engine.event.Event;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import io.floe.engine.spi.Workspace;
import io.floe.engine.store.local.LocalRunStore;
import io.floe.testflows.TestFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's hub tests (floe-spec §7.6 HUB-01 to HUB-04), against a real host. */
class HubCatalogueTest {
    @TempDir
    Path dir;

    /** HUB-01: a task runs in {@code <workspace-root>/spaces/<flow>/ws/<host>-<n>}. */
    @Test
    void taskWorkspaceIsUnderSpacesFlowAndRun() throws Exception {
        assertThat(Workspace.of(Path.of("/foo/bar"), new FlowRef("testflow", 1), new HostedRef("h1", 5), false)
                .root()).isEqualTo(Path.of("/foo/bar/spaces/testflow/ws/h1-5"));
        CompletableFuture<Path> seen = new CompletableFuture<>();
        TaskType stub = new TaskType() {
            @Override
            public String name() {
                return "stub";
            }

            @Override
            public CompletionStage<TaskResult> start(io.floe.engine.spi.TaskContext ctx) {
                seen.complete(ctx.workspace().root());
                return CompletableFuture.completedFuture(TaskResult.status(0));
            }
        };
        String yaml = """
                flows:
                  - id: testflow
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks: [{name: s, listen: trigger.good, type: stub}]
                """;
        var cfg = io.floe.engine.config.ConfigLoader.parse(yaml, "t.yml", dir, NodeTypes.discover().with(stub));
        try (var store = new io.floe.engine.store.local.MemoryRunStore();
                var floe = io.floe.engine.Floe.builder(cfg).types(NodeTypes.discover().with(stub))
                        .workspaceRoot(dir).store(store).build()) {
            floe.start();
            floe.trigger("testflow", "go", Map.of()).join();
            assertThat(seen.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(dir.resolve("spaces/testflow/ws/h1-1"));
            assertThat(dir.resolve("spaces/testflow/ws/h1-1")).isDirectory();
        }
    }

    /**
     * HUB-02: a whole run on a local store (fresh, so the run is h1-1), from an un-adopted data event whose branch
     * reaches the first task, through parallel tests and a merge, to the end. The original's git-checkout fake is an
     * exec here (git-checkout is tested with real repositories elsewhere).
     */
    @Test
    void wholeRunProducesTheOriginalsEvents() throws Exception {
        Path config = TestFlows.copy("hub-build-project.yml", dir);
        try (var store = LocalRunStore.open(dir.resolve("store-root"));
                TestHost h = TestHost.start(Files.readString(config), dir, store, b -> b)) {
            var out = h.floe.trigger(TriggerCall.inbound(NodeTypes.DATA, Map.of("branch", "blah.blah"))).join();
            HostedRef run = out.pends().get(0).id();
            assertThat(run).isEqualTo(new HostedRef("h1", 1));
            assertThat(h.events.awaitEnd(run).good()).isTrue();
            Map<String, Long> counts = h.events.all().stream()
                    .filter(e -> !e.runRef().adopted() || e.runRef().run().equals(run))
                    .collect(Collectors.groupingBy(Event::tag, Collectors.counting()));
            assertThat(counts).containsEntry(Tags.SYS_STATE, 3L).containsEntry(Tags.INBOUND_DATA, 1L)
                    .containsEntry(Tags.TRIGGER_GOOD, 1L).containsEntry("task.checkout.good", 1L)
                    .containsEntry("task.build.good", 1L).containsEntry("task.test1.good", 1L)
                    .containsEntry("task.test2.good", 1L).containsEntry("merge.merge-tests.good", 1L)
                    .containsEntry(Tags.SYS_END_ALL, 1L);
            assertThat(counts.get(Tags.SYS_NODE_UPDATE)).isGreaterThanOrEqualTo(18L);
            assertThat(h.events.output(run, "checkout")).contains("checking out blah.blah");
        }
    }

    /** HUB-03: a data node stops the run until values are posted for it, then the run ends. */
    @Test
    void dataNodeWaitsForItsValues() throws Exception {
        Path config = TestFlows.copy("hub-data.yml", dir);
        try (TestHost h = TestHost.start(Files.readString(config), dir)) {
            // the original posted url here too; this trigger's form declares no fields, so it takes no values
            HostedRef run = h.trigger("build-project", "form", Map.of());
            h.events.awaitTag(run, Tags.SYS_DATA_REQUIRED);
            var supplied = h.floe.supplyData(run, "sign-off", Map.of("tests_passed", "true", "to_hash", "blhahaha"))
                    .join();
            assertThat(supplied.accepted()).isTrue();
            assertThat(h.events.awaitEnd(run).good()).isTrue();
        }
    }

    /**
     * HUB-04, fixed: a task sees the flow env first, then its trigger's own env from the config, then its own. An env
     * sent with the trigger's values is data and never reaches it (issue 14).
     */
    @Test
    void envComesFromFlowThenTriggerThenNode() throws Exception {
        String yaml = """
                flows:
                  - id: env
                    ver: 1
                    env: [DOOF=oops, ORDER=flow]
                    triggers: [{name: go, type: data, opts: {env: [FROM_TRIGGER=yes, ORDER=trigger]}}]
                    tasks:
                      - name: show
                        listen: trigger.good
                        type: exec
                        opts:
                          env: ["OOF={{ws}}/oof", ORDER=node]
                          shell: 'echo "DOOF=$DOOF OOF=$OOF ORDER=$ORDER FROM_TRIGGER=$FROM_TRIGGER"'
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            HostedRef run = h.trigger("env", "go", Map.of());
            h.events.awaitEnd(run);
            Path ws = dir.resolve("spaces/env/ws/h1-1");
            assertThat(h.events.output(run, "show"))
                    .contains("DOOF=oops OOF=" + ws + "/oof ORDER=node FROM_TRIGGER=yes");
        }
    }
}
