package io.floe.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.config.NodeConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a git-push trigger recognises a repository and a branch in the forms people write them. */
class RepoUrlTest {
    @Test
    void theCloneUrlFormsOfOneRepositoryAreTheSame() {
        List<String> forms = List.of("https://github.com/acme/widget.git", "https://github.com/acme/widget",
                "http://octocat@GitHub.com/acme/widget/", "ssh://git@github.com:22/acme/widget.git",
                "git@github.com:acme/widget.git", "git://github.com/acme/widget.git", "github.com:acme/widget");
        for (String f : forms) {
            assertThat(RepoUrl.key(f)).as(f).isEqualTo("github.com/acme/widget");
        }
        assertThat(RepoUrl.same("git@github.com:acme/widget.git", "https://github.com/acme/widget-two")).isFalse();
        assertThat(RepoUrl.same("git@github.com:acme/widget.git", "https://gitlab.com/acme/widget")).isFalse();
        assertThat(RepoUrl.same("", "")).isFalse();
    }

    @Test
    void branchFiltersAreExactNamesOrGlobs() {
        assertThat(RefGlob.matches("main", "main")).isTrue();
        assertThat(RefGlob.matches("main", "main2")).isFalse();
        assertThat(RefGlob.matches("release/*", "release/1.2")).isTrue();
        assertThat(RefGlob.matches("release/*", "release/1.2/fix")).isFalse();
        assertThat(RefGlob.matches("feature/**", "feature/a/b")).isTrue();
        assertThat(RefGlob.matches("v?.*", "v1.4")).isTrue();
        assertThat(RefGlob.matches("a.b", "axb")).as("dots are literal").isFalse();
    }

    @Test
    void aTriggerMatchesByRepositoryBranchOrTag() {
        GitPushTrigger t = new GitPushTrigger();
        NodeConfig main = trigger(Map.of("url", "git@github.com:acme/widget.git", "branch", "main"));
        NodeConfig anyRepo = trigger(Map.of());
        NodeConfig tags = trigger(Map.of("url", "https://github.com/acme/widget", "tag", "v*"));
        Map<String, Object> pushMain = Map.of("url", "https://github.com/acme/widget.git", "urls",
                List.of("https://github.com/acme/widget.git", "git@github.com:acme/widget.git"), "branch", "main");
        Map<String, Object> pushTag = Map.of("urls", List.of("https://github.com/acme/widget.git"), "branch", "",
                "tag", "v2.0");
        assertThat(t.matches(main, pushMain)).isTrue();
        assertThat(t.matches(main, Map.of("urls", List.of("https://github.com/acme/widget"), "branch", "dev")))
                .isFalse();
        assertThat(t.matches(anyRepo, pushMain)).isTrue();
        assertThat(t.matches(anyRepo, pushTag)).as("branch triggers ignore tags").isFalse();
        assertThat(t.matches(tags, pushTag)).isTrue();
        assertThat(t.matches(tags, pushMain)).as("tag triggers ignore branches").isFalse();
        assertThat(t.check(trigger(Map.of("branch", List.of("a"))))).singleElement().asString()
                .contains("'branch' must be text");
    }

    private static NodeConfig trigger(Map<String, Object> opts) {
        return new NodeConfig("trigger", null, "push", "push", "", List.of(), "git-push", List.of(), false, false,
                "", opts, 0);
    }
}
