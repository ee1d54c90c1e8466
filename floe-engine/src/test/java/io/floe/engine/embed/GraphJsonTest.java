package io.floe.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.view.RunView;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph JSON a build serves: the shape the run-graph module draws, and a round trip for finished builds. */
class GraphJsonTest {
    @TempDir
    Path dir;

    @Test
    void aFinishedRunsGraphHasItsLevelsEdgesStatesAndEnd() throws Exception {
        String yaml = """
                id: app
                name: The app
                triggers: [{name: start, type: data}]
                tasks:
                  - {name: build, listen: trigger.good, type: exec, opts: {shell: "echo compiled"}}
                  - {name: test, listen: task.build.good, type: exec, opts: {shell: "exit 1"}}
                  - {name: done, listen: task.test.good, type: end}
                """;
        RunView view;
        try (EmbeddedRun run = EmbeddedRun.start(FlowDocument.parse(yaml, "flow.yml", NodeTypes.discover()),
                new RunRequest("", "", Map.of()),
                EmbedSettings.of(dir, new PrintStream(OutputStream.nullOutputStream())).withHostId("jenkins"))) {
            view = run.await(Duration.ofSeconds(30)).view();
        }

        JsonObject json = JsonParser.parseString(GraphJson.of(view)).getAsJsonObject();
        assertThat(json.get("Name").getAsString()).isEqualTo("The app jenkins-1");
        assertThat(json.getAsJsonArray("Triggers").get(0).getAsJsonObject().get("ID").getAsString())
                .isEqualTo("start");
        JsonArray levels = json.getAsJsonArray("Graph");
        JsonObject build = levels.get(0).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(build.get("ID").getAsString()).isEqualTo("build");
        assertThat(build.get("Status").getAsString()).isEqualTo("finished");
        assertThat(build.get("Result").getAsString()).isEqualTo("success");
        assertThat(build.getAsJsonArray("Logs").toString()).contains("compiled");
        JsonObject test = levels.get(1).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(test.get("Result").getAsString()).isEqualTo("failed");
        JsonObject done = levels.get(2).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(done.get("Status").getAsString()).isEmpty();
        assertThat(json.getAsJsonArray("Edges").toString()).contains(
                "{\"from\":\"build\",\"to\":\"test\",\"tag\":\"task.build.good\"}");
        JsonObject summary = json.getAsJsonObject("Summary");
        assertThat(summary.get("Ended").getAsBoolean()).isTrue();
        assertThat(summary.get("Good").getAsBoolean()).isFalse();

        assertThat(GraphJson.read(GraphJson.of(view))).isEqualTo(view);
    }
}
