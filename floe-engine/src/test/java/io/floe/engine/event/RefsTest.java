package io.floe.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refs and the event JSON shape (floe-spec §3.1, §4.1). */
class RefsTest {
    @Test
    void refsAreWrittenAsTheOriginalWroteThem() {
        assertThat(new FlowRef("build", 2).toString()).isEqualTo("build-2");
        assertThat(FlowRef.NONE.toString()).isEqualTo("na");
        assertThat(new HostedRef("h1", 3).toString()).isEqualTo("h1-3");
        assertThat(HostedRef.NONE.toString()).isEqualTo("na");
        RunRef r = new RunRef(new FlowRef("build", 2), new HostedRef("h1", 3), "h2");
        assertThat(r.toString()).isEqualTo("runref_build-2_h1-3");
        assertThat(r.sameRun(r.withExecHost(""))).isTrue();
    }

    @Test
    void runIdsWithDashesInTheHostNameParse() {
        assertThat(HostedRef.parse("build-box-2-17")).contains(new HostedRef("build-box-2", 17));
        assertThat(HostedRef.parse("h1-3")).contains(new HostedRef("h1", 3));
        assertThat(HostedRef.parse("h1")).isEmpty();
        assertThat(HostedRef.parse("h1-")).isEmpty();
        assertThat(HostedRef.parse("-3")).isEmpty();
        assertThat(HostedRef.parse("h1-x")).isEmpty();
        assertThat(HostedRef.parse("h1-0")).isEmpty();
        assertThat(HostedRef.parse(null)).isEmpty();
    }

    @Test
    void eventJsonHasTheOriginalShape() {
        Event e = new Event(new RunRef(new FlowRef("demo", 1), new HostedRef("h1", 1), "h1"),
                new NodeRef("task", "build"), "task.build.good", true, 12, Map.of());
        assertThat(Json.write(e)).isEqualTo("{\"RunRef\":{\"FlowRef\":{\"ID\":\"demo\",\"Ver\":1},"
                + "\"Run\":{\"HostID\":\"h1\",\"ID\":1},\"ExecHost\":\"h1\"},"
                + "\"SourceNode\":{\"Class\":\"task\",\"ID\":\"build\"},\"Tag\":\"task.build.good\",\"Good\":true,"
                + "\"ID\":12,\"Opts\":{}}");
        Event back = Json.read(Json.write(e), Event.class);
        assertThat(back).isEqualTo(e);
    }
}
