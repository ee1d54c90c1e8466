package io.floe.standalone.api;

import static io.floe.standalone.api.ApiTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searching a task's whole log on the host ({@code …/log/search?q=}), paged, over a 100,000-line log; and the run
 * view without log tails ({@code ?logs=none}) for the dashboard, which reads logs page by page.
 */
class LogSearchTest {
    private static final String FLOWS = """
            flows:
              - id: big
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - name: talk
                    listen: trigger.good
                    type: exec
                    opts:
                      shell: >-
                        awk 'BEGIN { for (i = 1; i <= 100000; i++) { if (i % 20000 == 0) printf "\\033[31mERROR\\033[0m at %d\\n", i; else print "line " i } }'
                  - {name: end, listen: task.talk.good, type: end}
            """;

    @TempDir
    Path dir;
    private RunningHost h;
    private String run;

    @BeforeEach
    void runTheBigLog() throws Exception {
        h = RunningHost.start(FLOWS, dir);
        Api.Answer a = h.api.post("/push/data", "{\"Ref\":{\"ID\":\"big\",\"Ver\":1},\"Form\":{\"ID\":\"go\"}}",
                Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        run = a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
        await(() -> h.api.get("/flows/big/runs/" + run, Api.admin()).payload().getAsJsonObject()
                .getAsJsonObject("Summary").get("Ended").getAsBoolean());
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private JsonObject search(String query) {
        Api.Answer a = h.api.get("/flows/big/runs/" + run + "/nodes/talk/log/search?" + query, Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.payload().getAsJsonObject();
    }

    @Test
    void findsEveryMatchingLineOfTheWholeLogIgnoringCaseAndColours() {
        JsonObject found = search("q=error%20at");
        List<Long> lines = new ArrayList<>();
        found.getAsJsonArray("Matches").forEach(m -> lines.add(m.getAsJsonObject().get("Line").getAsLong()));
        JsonObject first = found.getAsJsonArray("Matches").get(0).getAsJsonObject();
        assertThat(first.get("Text").getAsString()).contains("ERROR").contains("at 20000");
        assertThat(found.getAsJsonArray("Matches")).hasSize(5);
        assertThat(found.get("Next").getAsLong()).isEqualTo(-1);
        assertThat(found.get("Total").getAsLong()).isGreaterThanOrEqualTo(100_000);
        assertThat(found.get("Scanned").getAsLong()).isEqualTo(found.get("Total").getAsLong());
        // each line number is where the log view shows that line
        for (long line : lines) {
            JsonArray at = h.api.get("/flows/big/runs/" + run + "/nodes/talk/log?from=" + (line - 1) + "&max=1",
                    Api.admin()).payload().getAsJsonObject().getAsJsonArray("Lines");
            assertThat(at.get(0).getAsString()).contains("ERROR");
        }
    }

    @Test
    void pagesThroughTheMatches() {
        JsonObject one = search("q=ERROR%20AT&max=2");
        assertThat(one.getAsJsonArray("Matches")).hasSize(2);
        long next = one.get("Next").getAsLong();
        assertThat(next).isPositive();
        JsonObject two = search("q=Error%20At&max=2&from=" + next);
        assertThat(two.getAsJsonArray("Matches").get(0).getAsJsonObject().get("Text").getAsString())
                .contains("at 60000");
        JsonObject none = search("q=" + "no-such-text");
        assertThat(none.getAsJsonArray("Matches")).isEmpty();
        assertThat(none.get("Next").getAsLong()).isEqualTo(-1);
    }

    @Test
    void anEmptySearchIsRefusedWithWhatToSend() {
        Api.Answer a = h.api.get("/flows/big/runs/" + run + "/nodes/talk/log/search?q=", Api.admin());
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("search needs q");
        assertThat(h.api.get("/flows/big/runs/" + run + "/nodes/nope/log/search?q=x", Api.admin()).status())
                .isEqualTo(404);
    }

    @Test
    void theRunViewLeavesOutLogTailsWhenAsked() {
        JsonObject talk = h.api.get("/flows/big/runs/" + run + "?logs=none", Api.admin()).payload()
                .getAsJsonObject().getAsJsonArray("Graph").get(0).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(talk.getAsJsonArray("Logs")).isEmpty();
        assertThat(talk.get("LogLines").getAsLong()).isGreaterThanOrEqualTo(100_000);
        JsonObject old = h.api.get("/flows/big/runs/" + run, Api.admin()).payload().getAsJsonObject()
                .getAsJsonArray("Graph").get(0).getAsJsonArray().get(0).getAsJsonObject();
        assertThat(old.getAsJsonArray("Logs")).hasSize(500);
        assertThat(old.get("Started").getAsString()).isNotBlank();
        assertThat(old.get("Stopped").getAsString()).isNotBlank();
    }
}
