package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule alone: an event's opts fill what a node leaves open, never a code-bearing option. */
class CodeOptionsTest {
    @Test
    void anEventsCodeBearingOptionsAreDroppedAndTheConfigsKept() {
        Map<String, Object> event = Map.of("cmd", "id", "shell", "id", "args", List.of("x"),
                "env", List.of("BASH_ENV=/tmp/e"), "sub-dir", "..", "key-file", "/tmp/k", "location", "run.sh",
                "branch", "feature/x", "url", "file:///repo");
        Map<String, Object> configured = Map.of("env", List.of("FLOW=1"), "key-file", "/etc/floe/key",
                "branch", "ignored: not code");
        Map<String, Object> node = Map.of("shell", "make", "env", List.of("NODE=1"));

        Map<String, Object> opts = CodeOptions.taskOpts(event, configured, node);

        assertThat(opts).containsOnly(Map.entry("shell", "make"), Map.entry("env", List.of("FLOW=1", "NODE=1")),
                Map.entry("key-file", "/etc/floe/key"), Map.entry("branch", "feature/x"),
                Map.entry("url", "file:///repo"));
    }

    @Test
    void theNodesOwnOptionsWinOverTheEventsData() {
        assertThat(CodeOptions.taskOpts(Map.of("branch", "evil"), Map.of(), Map.of("branch", "main")))
                .containsEntry("branch", "main");
    }
}
