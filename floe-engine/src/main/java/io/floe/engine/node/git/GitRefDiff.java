package io.floe.engine.node.git;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which refs changed between two polls (floe-spec §4.9, HUB-06): none when the repository URLs differ (which includes
 * the first poll, when there is no previous state); otherwise every ref that is new or has another hash. Deleted
 * refs are not changes.
 */
public final class GitRefDiff {
    private GitRefDiff() {}

    /** The changed refs of {@code now}, under {@code before}'s repository URL. */
    public static GitRefState changes(GitRefState before, GitRefState now) {
        if (!before.repoUrl().equals(now.repoUrl())) {
            return new GitRefState(before.repoUrl(), Map.of());
        }
        Map<String, GitRef> changed = new TreeMap<>();
        now.hashes().forEach((key, ref) -> {
            GitRef old = before.hashes().get(key);
            if (old == null || !old.hash().equals(ref.hash())) {
                changed.put(key, ref);
            }
        });
        return new GitRefState(before.repoUrl(), changed);
    }
}
