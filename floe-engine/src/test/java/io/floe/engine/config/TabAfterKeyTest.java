package io.floe.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A config written for the original with a tab after a key (its own hub test config has {@code tasks:} then a tab)
 * loads as the original loads it, with a warning naming the line; a tab used for indentation is refused with its line
 * and what to do.
 */
class TabAfterKeyTest {
    @Test
    void aTabAfterAKeyIsReadAsASpaceWithAWarning() throws Exception {
        FloeConfig c = ConfigLoader.parse("""
                flows:
                  - id: build-project
                    ver: 1
                    triggers:
                      - name: form
                        type: data
                    tasks:\t
                      - name: build
                        listen:\ttrigger.good
                        type: exec
                        opts:
                          shell: "printf 'a:\\tb'"
                """, "hub.yml", null, null);
        FlowConfig f = c.flows().get(0);
        assertThat(f.tasks()).extracting(NodeConfig::id).containsExactly("build");
        assertThat(f.tasks().get(0).listen()).isEqualTo("trigger.good");
        assertThat(f.tasks().get(0).opts().get("shell")).isEqualTo("printf 'a:\tb'"); // a tab in a value stays
        assertThat(c.warnings()).extracting(ConfigProblem::toString).anySatisfy(w -> assertThat(w)
                .startsWith("hub.yml:7: ").contains("a tab after a key is read as a space", "lines [7, 9]"));
    }

    @Test
    void aTabUsedForIndentationIsRefusedSayingReplaceTheTab() {
        assertThatThrownBy(() -> ConfigLoader.parse("flows:\n\t- id: f\n", "t.yml", null, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("t.yml:2")
                .hasMessageContaining("replace the tab with spaces");
    }
}
