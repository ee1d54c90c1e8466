package io.floe.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PATH-01 (floe-spec §4.11) and the shared {@code %tmp} folder. */
class PathExpansionTest {
    @TempDir
    Path tmp;

    private PathExpansion expansion() {
        return new PathExpansion(Map.of("HOME", "/home/floe"), tmp);
    }

    @Test
    void tooShortPathsAreRefused() {
        PathExpansion e = expansion();
        for (String p : new String[] {"~/", "~", "/", "", "."}) {
            assertThatThrownBy(() -> e.expand(p)).as(p).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("path too short");
        }
    }

    @Test
    void homeIsExpandedOnlyAsTheFirstSegment() {
        PathExpansion e = expansion();
        assertThat(e.expand("~/test")).isEqualTo(Path.of("/home/floe/test"));
        assertThat(e.expand("/test/~")).isEqualTo(Path.of("/test/~"));
        assertThat(e.expand("~user/x")).isEqualTo(Path.of("~user/x"));
    }

    @Test
    void otherPathsAreOnlyCleaned() {
        PathExpansion e = expansion();
        assertThat(e.expand("test/foo")).isEqualTo(Path.of("test/foo")).isRelative();
        assertThat(e.expand("/test/foo")).isEqualTo(Path.of("/test/foo"));
        assertThat(e.expand("/test/./a/../foo/")).isEqualTo(Path.of("/test/foo"));
    }

    @Test
    void homeUnsetIsAnErrorSayingSo() {
        PathExpansion e = new PathExpansion(Map.of(), tmp);
        assertThatThrownBy(() -> e.expand("~/floe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("~ not expanded as HOME env var not set");
    }

    @Test
    void tmpIsANewFloeFolder() {
        Path p = expansion().expand("%tmp/test/bar");

        String text = p.toString();
        assertThat(text.indexOf("/floe")).isGreaterThanOrEqualTo(3);
        assertThat(text.lastIndexOf("/test/bar")).isGreaterThan(text.indexOf("/floe"));
        assertThat(p.getParent().getParent()).isDirectory().startsWith(tmp);
    }

    @Test
    void oneExpansionGivesOneTmpFolderForAllRoots() {
        PathExpansion e = expansion();
        Path workspace = e.expand("%tmp/floe");
        Path store = e.expand("%tmp/store");

        assertThat(workspace.getParent()).isEqualTo(store.getParent());
        assertThat(new PathExpansion(Map.of(), tmp).expand("%tmp/floe")).isNotEqualTo(workspace);
    }
}
