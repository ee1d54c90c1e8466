package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.config.HostTags;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.RunStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTagsTest {
    @TempDir
    Path dir;

    /** CLIENT-01. */
    @Test
    void hostTagsMustIncludeEveryRequiredTag() {
        List<String> t12 = List.of("t1", "t2");
        assertThat(HostTags.satisfy(t12, List.of("t1", "t2"))).isTrue();
        assertThat(HostTags.satisfy(t12, List.of("t1"))).isTrue();
        assertThat(HostTags.satisfy(t12, List.of("t1", "t3"))).isFalse();
        assertThat(HostTags.satisfy(t12, List.of("t1", "t2", "t3"))).isFalse();
        assertThat(HostTags.satisfy(t12, List.of())).isTrue();
        assertThat(HostTags.satisfy(List.of(), List.of())).isTrue();
        assertThat(HostTags.satisfy(List.of(), t12)).isFalse();
    }

    @Test
    void aFlowThisHostsTagsDoNotCoverWaitsAsAPend() throws Exception {
        String yaml = """
                flows:
                  - id: gpu
                    ver: 1
                    host-tags: [gpu]
                    triggers: [{name: go, type: data}]
                    tasks: [{name: a, listen: trigger.good, type: exec, opts: {cmd: "true"}}]
                  - id: any
                    ver: 1
                    host-tags: [linux]
                    triggers: [{name: go, type: data}]
                    tasks: [{name: a, listen: trigger.good, type: exec, opts: {cmd: "true"}}]
                """;
        try (TestHost h = TestHost.start(yaml, dir, b -> b.tags(List.of("linux")))) {
            HostedRef waiting = h.trigger("gpu");
            HostedRef runs = h.trigger("any");
            assertThat(h.events.awaitEnd(runs).good()).isTrue();
            assertThat(h.stored(waiting).record().status()).isEqualTo(RunStatus.PENDING);
            assertThat(h.events.tags(waiting)).doesNotContain(Tags.TRIGGER_GOOD);
        }
    }
}
