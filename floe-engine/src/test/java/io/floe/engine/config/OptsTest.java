package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NT-06: merging options (floe-spec §2.11). */
class OptsTest {

    @Test
    void rightWinsAndEnvListsAreJoinedLeftFirst() {
        Map<String, Object> left = Map.of("foo", "l", "env", List.of("lar0", "lar1", "cmn"));
        Map<String, Object> right = Map.of("foo", "r", "baz", 1, "env", List.of("rar0", "rar1", "cmn"));

        Map<String, Object> merged = Opts.merge(left, right);

        assertThat(merged).containsEntry("foo", "r").containsEntry("baz", 1);
        assertThat(Opts.strings(merged, "env")).hasSize(6)
                .containsExactly("lar0", "lar1", "cmn", "rar0", "rar1", "cmn");
        assertThat(Opts.strings(merged, "env").get(4)).isEqualTo("rar1");
    }

    @Test
    void envFromOneSideIsKept() {
        assertThat(Opts.strings(Opts.merge(Map.of("foo", "l"), Map.of("env", List.of("rar0"))), "env"))
                .containsExactly("rar0");
        assertThat(Opts.strings(Opts.merge(Map.of("env", List.of("lar0")), Map.of("baz", "r")), "env"))
                .containsExactly("lar0");
    }

    @Test
    void mergingChangesNeitherSide() {
        Map<String, Object> left = new java.util.HashMap<>(Map.of("env", List.of("a")));
        Map<String, Object> right = Map.of("env", List.of("b"));

        Opts.merge(left, right);

        assertThat(left).isEqualTo(Map.of("env", List.of("a")));
    }
}
