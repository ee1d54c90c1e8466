package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.TriggerOutcome;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.node.git.TestRepo;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flows whose tasks live in a flow-file in a git repository, read when a trigger fires (floe-spec §2.10). */
class FlowFileTriggerTest {
    @TempDir
    Path dir;

    private static final String FLOW_FILE = """
            name: From the repo
            tasks:
              - {name: build, listen: trigger.good, type: exec, opts: {shell: "echo %s"}}
              - {name: end, listen: task.build.good, type: end}
            """;

    @Test
    void aTriggerRunsTheFlowFileAtTheRefItGives() throws Exception {
        try (TestRepo repo = TestRepo.create(dir, "flows")) {
            repo.commit(Map.of("ci/FLOE.yaml", FLOW_FILE.formatted("built from master")), "master flow");
            repo.newBranch("next").commit(Map.of("ci/FLOE.yaml", FLOW_FILE.formatted("built from next")), "next");
            repo.checkout("master"); // the repository's default branch
            String yaml = """
                    flows:
                      - id: repo-flow
                        ver: 1
                        flow-file: "%s/ci/FLOE.yaml"
                        triggers: [{name: go, type: data, opts: {form: {fields: [{id: ref, prompt: Ref, type: text}]}}}]
                      - id: plain
                        ver: 1
                        triggers: [{name: go, type: data}]
                        tasks: [{name: only, listen: trigger.good, type: exec, opts: {cmd: "echo plain"}}]
                    """.formatted(repo.fileUrl());
            try (TestHost h = TestHost.start(yaml, dir)) {
                HostedRef atMaster = h.trigger("repo-flow", "go", Map.of());
                h.events.awaitEnd(atMaster);
                assertThat(h.events.output(atMaster, "build")).contains("built from master");
                assertThat(h.stored(atMaster).record().flow().name()).isEqualTo("From the repo");

                HostedRef atNext = h.trigger("repo-flow", "go", Map.of("ref", "next"));
                h.events.awaitEnd(atNext);
                assertThat(h.events.output(atNext, "build")).contains("built from next");
            }
        }
    }

    @Test
    void aFlowFileThatFailsToLoadFailsOnlyItsOwnTriggerVisibly() throws Exception {
        String yaml = """
                flows:
                  - id: missing
                    ver: 1
                    flow-file: nowhere/FLOE.yaml
                    triggers: [{name: go, type: data}]
                  - id: plain
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks: [{name: only, listen: trigger.good, type: exec, opts: {cmd: "echo plain"}}]
                """;
        try (TestHost h = TestHost.start(yaml, dir)) {
            TriggerOutcome out = h.floe.trigger("missing", "go", Map.of()).join();
            assertThat(out.pends()).isEmpty();
            assertThat(out.status()).isEqualTo(TriggerOutcome.Status.FAILED);
            assertThat(out.errors()).singleElement().asString().contains("missing-1", "nowhere/FLOE.yaml");
            Event error = h.events.await(e -> e.tag().equals(Tags.SYS_ERROR));
            assertThat(String.valueOf(error.opts().get("error"))).contains("nowhere/FLOE.yaml");
            HostedRef plain = h.trigger("plain");
            assertThat(h.events.awaitEnd(plain).good()).isTrue();
        }
    }
}
