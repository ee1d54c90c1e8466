package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.TriggerCall;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.Provenance;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.view.StartedBy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A re-run runs the definition and the trigger values of the run it re-runs, and says which run that was. */
class RerunTest {
    @TempDir
    Path dir;

    private static String flow(String word) {
        return """
                flows:
                  - id: greet
                    ver: 1
                    triggers:
                      - name: go
                        type: data
                        opts:
                          form:
                            title: Go
                            fields: [{id: who, prompt: Who, type: text}, {id: pin, prompt: PIN, type: password}]
                    tasks:
                      - {name: say, listen: trigger.good, type: exec, opts: {shell: "echo %s $FLOE_VALUE_WHO"}}
                      - {name: end, listen: task.say.good, type: end}
                """.formatted(word);
    }

    @Test
    void aRerunUsesTheOldDefinitionAndValuesAfterAConfigReload() throws Exception {
        try (TestHost h = TestHost.start(flow("hello"), dir)) {
            HostedRef first = h.floe.trigger(TriggerCall.of("greet", "go", Map.of("who", "ann", "pin", "1234"))
                    .by(Provenance.user("alice"))).join().pends().get(0).id();
            h.events.awaitEnd(first);
            assertThat(h.events.output(first, "say")).contains("hello ann");

            h.floe.reload(ConfigLoader.parse(flow("goodbye"), "test.yml", dir, NodeTypes.discover()));
            HostedRef again = h.floe.rerun(first, "bob").join().pends().get(0).id();
            assertThat(again).isNotEqualTo(first);
            assertThat(h.events.awaitEnd(again).good()).isTrue();
            assertThat(h.events.output(again, "say")).contains("hello ann").doesNotContain("goodbye ann");

            StartedBy by = h.floe.runView(again).orElseThrow().summary().startedBy();
            assertThat(by.kind()).isEqualTo("rerun");
            assertThat(by.rerunOf()).isEqualTo(first.toString());
            assertThat(by.text()).isEqualTo("bob (re-run of " + first + ")");
            var pin = h.floe.runView(again).orElseThrow().triggers().get(0).fields().get(1);
            assertThat(pin.value()).isNotEqualTo("1234"); // still masked
            assertThat(h.stored(again).record().opts()).containsEntry("pin", "1234");
        }
    }

    @Test
    void aRunThatHasNotEndedIsNotReRun() throws Exception {
        String slow = flow("x").replace("echo %s".formatted("x"), "sleep 600; echo");
        try (TestHost h = TestHost.start(slow, dir)) {
            HostedRef run = h.trigger("greet");
            h.events.awaitTag(run, "sys.node.start");
            assertThatThrownBy(() -> h.floe.rerun(run, "bob")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("run " + run + " has not ended: wait for its end, or cancel it, before re-running it");
            h.floe.cancel(run, "done").join();
        }
    }
}
