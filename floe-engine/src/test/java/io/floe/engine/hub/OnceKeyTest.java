package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.TriggerCall;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.event.Event;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.RunQuery;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TriggerCall#once}: a trigger call with a key starts each matching flow once for that key. */
class OnceKeyTest {
    @TempDir
    Path dir;

    private static final String YAML = """
            flows:
              - id: one
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: end, listen: trigger.good, type: end}
              - id: two
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: end, listen: trigger.good, type: end}
            """;

    private static TriggerCall inbound() {
        return TriggerCall.inbound(NodeTypes.DATA, Map.of());
    }

    @Test
    void eventsWithOneKeyAtOnceStartEachFlowOnceAndSayWhichRunTheyStarted() throws Exception {
        LocalRunStore store = LocalRunStore.open(dir.resolve("store"), LocalRunStore.Durability.PROCESS_CRASH);
        try (store; TestHost h = TestHost.start(YAML, dir, store, b -> b)) {
            List<CompletableFuture<io.floe.engine.TriggerOutcome>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(h.floe.trigger(inbound().once("delivery-1")));
            }
            List<String> started = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (var f : all) {
                f.join().pends().forEach(p -> started.add(p.flow().id() + " " + p.id()));
                refused.addAll(f.join().errors());
                assertThat(f.join().notes()).allMatch(n -> n.status() == io.floe.engine.TriggerOutcome.Status.DUPLICATE);
            }
            // both flows match each event: one run of each, 14 refusals naming the run that was started
            assertThat(started).hasSize(2).anyMatch(s -> s.startsWith("one ")).anyMatch(s -> s.startsWith("two "));
            assertThat(refused).hasSize(14).allMatch(e -> e.contains("not started again")
                    && e.contains("delivery-1/") && e.contains("already started run h1-"));
            assertThat(h.floe.runs(new RunQuery("", null, 0, null)).runs()).hasSize(2);

            // another key starts them again; no key, always
            assertThat(h.floe.trigger(inbound().once("delivery-2")).join().pends()).hasSize(2);
            assertThat(h.floe.trigger(inbound()).join().pends()).hasSize(2);
            assertThat(h.floe.trigger(inbound()).join().pends()).hasSize(2);
            assertThat(h.floe.runs(new RunQuery("", null, 0, null)).runs()).hasSize(8);
        }
    }
}
