package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.config.ConfigLoader;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.spi.NodeTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config replaced without a restart: runs under way keep their definition, new triggers use the new one. */
class ReloadTest {
    @TempDir
    Path dir;

    private static String config(String message, String timer) {
        return """
                flows:
                  - id: f
                    ver: 1
                    triggers:
                      - {name: go, type: data}
                %s
                    tasks:
                      - name: ask
                        listen: trigger.good
                        type: data
                        opts: {form: {title: Go on, fields: [{id: ok, prompt: ok, type: text}]}}
                      - {name: say, listen: task.ask.good, type: exec, opts: {cmd: "echo %s"}}
                      - {name: end, listen: task.say.good, type: end}
                """.formatted(timer, message);
    }

    @Test
    void aRunUnderWayFinishesWithItsOldDefinitionAndNewRunsUseTheNewOne() throws Exception {
        try (TestHost h = TestHost.start(config("old", ""), dir)) {
            HostedRef before = h.trigger("f", "go", Map.of());
            h.events.awaitTag(before, Tags.SYS_DATA_REQUIRED);

            h.floe.reload(ConfigLoader.parse(config("new", ""), "test.yml", dir, NodeTypes.discover()));
            HostedRef after = h.trigger("f", "go", Map.of());
            h.events.awaitTag(after, Tags.SYS_DATA_REQUIRED);

            h.floe.supplyData(before, "ask", Map.of("ok", "y")).join();
            h.floe.supplyData(after, "ask", Map.of("ok", "y")).join();
            h.events.awaitEnd(before);
            h.events.awaitEnd(after);
            assertThat(h.events.output(before, "say")).contains("old");
            assertThat(h.events.output(after, "say")).contains("new");
        }
    }

    @Test
    void timersOfAnAddedTriggerStartAndThoseOfARemovedOneStop() throws Exception {
        String every1s = "      - {name: tick, type: timer, opts: {period: 1}}";
        String withSlow = """
                  - id: slow
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks: [{name: nap, listen: trigger.good, type: exec, opts: {cmd: "sleep 2.5"}}]
                """;
        try (TestHost h = TestHost.start(config("timed", "") + withSlow, dir)) {
            h.floe.reload(ConfigLoader.parse(config("timed", every1s) + withSlow, "test.yml", dir,
                    NodeTypes.discover()));
            h.events.await(e -> e.tag().equals("inbound.timer"), Duration.ofSeconds(10));
            h.floe.reload(ConfigLoader.parse(config("timed", "") + withSlow, "test.yml", dir, NodeTypes.discover()));
            long fired = h.events.all().stream().filter(e -> e.tag().equals("inbound.timer")).count();
            // a run that lasts more than two periods: a timer still registered would fire meanwhile
            HostedRef probe = h.trigger("slow", "go", Map.of());
            h.events.awaitEnd(probe);
            assertThat(h.events.all().stream().filter(e -> e.tag().equals("inbound.timer")).count())
                    .isEqualTo(fired);
        }
    }
}
