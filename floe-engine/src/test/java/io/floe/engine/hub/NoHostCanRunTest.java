package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Floe;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.NodeTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host without peers that lacks a flow's host-tags can never run it: the trigger's answer says so at once, and so
 * does the pend's wait reason (the run's summary), instead of a run that waits forever without a word.
 */
class NoHostCanRunTest {
    @TempDir
    Path dir;

    @Test
    void theTriggersAnswerAndTheWaitReasonSayNoHostCanRunIt() throws Exception {
        try (Floe floe = Floe.builder(ConfigLoader.parse("""
                flows:
                  - id: train
                    host-tags: [gpu]
                    triggers: [{name: go, type: data}]
                    tasks: [{name: done, listen: trigger.good, type: end}]
                  - id: plain
                    triggers: [{name: go, type: data}]
                    tasks: [{name: done, listen: trigger.good, type: end}]
                """, "t.yml", null, null)).hostId("h1").tags(List.of("linux")).workspaceRoot(dir)
                .types(NodeTypes.discover()).build()) {
            floe.start();
            TriggerOutcome out = floe.trigger("train", "go", Map.of()).get();
            HostedRef run = out.pends().get(0).id();
            assertThat(out.status()).isEqualTo(TriggerOutcome.Status.NO_HOST_CAN_RUN);
            assertThat(out.errors()).singleElement().asString().startsWith("run h1-1 waits: no host can run it: ")
                    .contains("needs a host with tags [gpu], host h1 has [linux]", "no other hosts (common.hosts)");
            long deadline = System.nanoTime() + 30_000_000_000L; // awaits the dispatch that records why it waits
            while (floe.waitReason(run).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(floe.waitReason(run).get()).startsWith("no host can run it: it needs a host with tags [gpu]");

            TriggerOutcome plain = floe.trigger("plain", "go", Map.of()).get();
            assertThat(plain.errors()).isEmpty();
            assertThat(plain.status()).isEqualTo(TriggerOutcome.Status.STARTED);
        }
    }
}
