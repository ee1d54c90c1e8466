package io.floe.engine.node.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HUB-06 (floe-spec §7.6), case by case as the original's test. */
class GitRefDiffTest {

    private static GitRef ref(String hash) {
        return new GitRef("", "branch", hash, null);
    }

    @Test
    void diffsRefsAsTheOriginal() {
        assertThat(GitRefDiff.changes(new GitRefState("foo", Map.of()), new GitRefState("bar", Map.of())).hashes())
                .as("different repos").isEmpty();

        GitRefState old = new GitRefState("foo", Map.of("a", ref("aaa"), "b", ref("bbb")));
        Map<String, GitRef> now = new HashMap<>();
        assertThat(GitRefDiff.changes(old, new GitRefState("foo", now)).hashes()).as("2 old, 0 new").isEmpty();
        assertThat(GitRefDiff.changes(new GitRefState("foo", now), old).hashes()).as("0 old, 2 new").hasSize(2);

        now.put("a", ref("aaa"));
        now.put("b", ref("bbb"));
        now.put("c", ref("ccc"));
        assertThat(GitRefDiff.changes(old, new GitRefState("foo", now)).hashes()).as("2 same, 1 new").hasSize(1);

        now.put("b", ref("bbc"));
        GitRefState diff = GitRefDiff.changes(old, new GitRefState("foo", now));
        assertThat(diff.hashes()).as("1 same, 1 changed, 1 new").hasSize(2);
        assertThat(diff.repoUrl()).isEqualTo("foo");
        assertThat(diff.hashes().get("b").hash()).isEqualTo("bbc");
    }

    @Test
    void theFirstPollHasNoChanges() {
        GitRefState first = new GitRefState("foo", Map.of("a", ref("aaa")));

        assertThat(GitRefDiff.changes(GitRefState.empty(), first).hashes()).isEmpty();
    }
}
