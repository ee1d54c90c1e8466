package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Floe;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.SecretValues;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import io.floe.engine.store.local.MemoryRunStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that prints a value typed into a password field: its log and its live lines show the mask instead. */
class SecretOutputTest {
    @TempDir
    Path dir;

    /** Prints the options it was given, as a careless script would. */
    static final class Say implements TaskType {
        @Override
        public String name() {
            return "say";
        }

        @Override
        public CompletionStage<TaskResult> start(TaskContext ctx) {
            ctx.out().line("token=" + ctx.opts().get("token") + " who=" + ctx.opts().get("who"));
            ctx.out().line("values=" + ctx.opts().get("values") + " ok");
            return CompletableFuture.completedFuture(TaskResult.status(0));
        }
    }

    private static final String YAML = """
            flows:
              - id: deploy
                ver: 1
                triggers:
                  - name: start
                    type: data
                    opts: {form: {title: Deploy, fields: [{id: who, prompt: Who, type: text},
                           {id: token, prompt: Token, type: password}]}}
                tasks:
                  - {name: first, listen: trigger.good, type: say}
                  - {name: ask, listen: task.first.good, type: data,
                     opts: {form: {title: Approve, fields: [{id: pin, prompt: PIN, type: password}]}}}
                  - {name: second, listen: task.ask.good, type: say}
                  - {name: done, listen: task.second.good, type: end}
            """;

    @Test
    void typedSecretsAreMaskedInTheLogAndInTheLiveLines() throws Exception {
        NodeTypes types = NodeTypes.discover().with(new Say());
        FloeConfig cfg = ConfigLoader.parse(YAML, "test.yml", dir, types);
        EventRecorder events = new EventRecorder();
        try (Floe floe = Floe.builder(cfg).hostId("h1").workspaceRoot(dir).store(new MemoryRunStore())
                .types(types).build()) {
            floe.observe(events);
            floe.start();
            HostedRef run = floe.trigger("deploy", "start", Map.of("who", "ann", "token", "tok-123456"))
                    .join().pends().get(0).id();
            events.awaitTag(run, Tags.SYS_DATA_REQUIRED);
            floe.supplyData(run, "ask", Map.of("pin", "9876")).join();
            assertThat(events.awaitEnd(run).good()).isTrue();

            String first = String.join("\n", floe.log(run, "first", 0, 100));
            String second = String.join("\n", floe.log(run, "second", 0, 100));
            assertThat(first).contains("token=" + SecretValues.MASK + " who=ann").doesNotContain("tok-123456");
            assertThat(second).contains("pin=" + SecretValues.MASK).doesNotContain("9876", "tok-123456");
            String live = events.all().stream().filter(e -> e.tag().equals(Tags.SYS_NODE_UPDATE))
                    .map(Event::opts).map(Object::toString).collect(Collectors.joining("\n"));
            assertThat(live).contains("who=ann", SecretValues.MASK).doesNotContain("tok-123456", "9876");
        }
    }
}
