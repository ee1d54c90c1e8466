package io.floe.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one id rule: what can name a folder, and host names as operators write them. */
class IdsTest {
    @Test
    void hostNamesWithDotsAndTheirRunIdsAreIds() {
        assertThat(Ids.valid("ci-1.example.com")).isTrue();
        assertThat(Ids.valid("ci-1.example.com-42")).isTrue();
        assertThat(Ids.valid("build-and-test")).isTrue();
    }

    @Test
    void whatCouldLeaveAFolderIsNot() {
        for (String bad : new String[] {"", ".", "..", "../x", ".hidden", "a/b", "a\\b", "a b", "a\nb", "x".repeat(129)}) {
            assertThat(Ids.valid(bad)).as("'%s'", bad).isFalse();
        }
        assertThatThrownBy(() -> Ids.require("host id", "../h2")).isInstanceOf(ApiException.class)
                .hasMessage("host id '../h2' is not an id: " + Ids.RULE);
    }
}
