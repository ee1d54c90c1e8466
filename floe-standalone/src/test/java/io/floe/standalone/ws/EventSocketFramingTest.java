package io.floe.standalone.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events of every size reach a client whole and in order: small ones, which the socket packs several to a write, and
 * larger ones between them, which go out on their own.
 */
class EventSocketFramingTest {
    private static final int LINES = 3_000;
    /** Output lines of these lengths, in turn: below, around and above what one write packs. */
    private static final String FLOW = """
            flows:
              - id: mixed
                ver: 1
                triggers:
                  - {name: start, type: data}
                tasks:
                  - name: talk
                    listen: trigger.good
                    type: exec
                    opts:
                      shell: |
                        awk 'BEGIN {
                          split("1 10 300 900 1100 3000 5000", s, " ")
                          for (i = 1; i <= %d; i++) {
                            n = s[i %% 7 + 1]; p = sprintf("%%" n "s", ""); gsub(/ /, "x", p); print i " " n " " p
                          }
                        }'
                  - {name: done, listen: task.talk.good, type: end}
            """.formatted(LINES);
    private static final Pattern LINE = Pattern.compile("(\\d+) (\\d+) (x*)");

    @TempDir
    Path dir;

    @Test
    void eventsOfMixedSizesArriveWholeAndInOrder() throws Exception {
        try (RunningHost h = RunningHost.start(FLOW, dir);
                LiveClient c = LiveClient.connect("ws" + h.host.server().url().substring("http".length()) + "/ws",
                        "X-Floe-Auth", RunningHost.ADMIN)) {
            Api.Answer a = h.api.post("/push/data", "{\"Ref\":{\"ID\":\"mixed\"},\"Form\":{\"ID\":\"start\"}}",
                    Api.admin());
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            String run = a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
            Await.until(() -> c.has(e -> LiveClient.tag(e).equals("sys.end.all") && LiveClient.run(e).equals(run)),
                    Duration.ofSeconds(60));

            List<JsonObject> events = c.events();
            for (int i = 1; i < events.size(); i++) {
                assertThat(LiveClient.id(events.get(i))).as("event " + i)
                        .isEqualTo(LiveClient.id(events.get(i - 1)) + 1);
            }
            List<String> lines = events.stream().filter(e -> LiveClient.tag(e).equals("sys.node.update")
                    && LiveClient.run(e).equals(run)).map(e -> e.getAsJsonObject("Opts").get("update").getAsString())
                    .filter(l -> LINE.matcher(l).matches()).toList();
            assertThat(lines).hasSize(LINES);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINE.matcher(lines.get(i));
                assertThat(m.matches()).isTrue();
                assertThat(Integer.parseInt(m.group(1))).as("line " + i).isEqualTo(i + 1);
                assertThat(m.group(3)).as("line " + (i + 1)).hasSize(Integer.parseInt(m.group(2)));
            }
        }
    }
}
