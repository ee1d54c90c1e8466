package io.floe.engine.node.git;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll-git trigger's poll (floe-spec §4.9): list the repository's refs, compare them with the state the previous
 * poll left, and say which refs are new or moved. The caller keeps the state between polls (the run store's
 * {@code state("refs/<flow>/<trigger>")}) and fires one {@code inbound.poll-git} per change with
 * {@link GitChange#opts()}. The first poll (no state, or a state of another url) only records. A poll that fails
 * throws and leaves the state alone, so the next good poll compares with the last good one; the original crashed.
 */
public final class GitPoll {
    private static final Logger LOG = LoggerFactory.getLogger(GitPoll.class);

    private final GitRefs refs;
    private final GitAuth auth;
    private final Clock clock;

    public GitPoll(GitRefs refs, GitAuth auth) {
        this(refs, auth, Clock.systemUTC());
    }

    GitPoll(GitRefs refs, GitAuth auth, Clock clock) {
        this.refs = refs;
        this.auth = auth;
        this.clock = clock;
    }

    /**
     * A poll for a poll-git trigger's opts ({@code url}, {@code refs}, {@code exclude}, {@code exclude-refs}) with
     * the host's {@code common.git-key} (blank for the default ssh keys).
     *
     * @throws IllegalArgumentException when the url is missing or an exclude is not a regular expression
     */
    public static GitPoll fromOpts(Map<String, ?> triggerOpts, String gitKey) {
        return new GitPoll(GitRefs.fromOpts(triggerOpts), GitAuth.withKeyFile(gitKey));
    }

    public String url() {
        return refs.url();
    }

    /** What a poll gives: the state to store for the next poll and the refs that changed, by full ref name. */
    public record Result(String stateJson, List<GitChange> changes) {
        public Result {
            changes = List.copyOf(changes);
        }
    }

    /**
     * Polls once.
     *
     * @param previousStateJson what the previous poll returned as {@link Result#stateJson()}, or null/blank before
     *                          the first poll; an unreadable state counts as none (logged)
     * @throws IOException when the repository can not be listed (unreachable, refused key…)
     */
    public Result poll(String previousStateJson) throws IOException {
        GitRefState before;
        try {
            before = GitRefState.fromJson(previousStateJson);
        } catch (IllegalArgumentException e) {
            LOG.warn("poll-git {}: ignoring the stored refs ({}); this poll only records", refs.url(), e.getMessage());
            before = GitRefState.empty();
        }
        GitRefState now = refs.list(auth, clock.instant());
        GitRefState changed = GitRefDiff.changes(before, now);
        List<GitChange> changes = new ArrayList<>();
        changed.hashes().forEach((full, ref) ->
                changes.add(new GitChange(refs.url(), ref.name(), ref.hash(), full, ref.type())));
        return new Result(keepChangeTimes(before, now).toJson(), changes);
    }

    /** A ref that did not move keeps the time it was first seen at its hash. */
    private static GitRefState keepChangeTimes(GitRefState before, GitRefState now) {
        if (!before.repoUrl().equals(now.repoUrl())) {
            return now;
        }
        Map<String, GitRef> kept = new TreeMap<>(now.hashes());
        kept.replaceAll((full, ref) -> {
            GitRef old = before.hashes().get(full);
            return old != null && old.hash().equals(ref.hash()) && old.change() != null ? old : ref;
        });
        return new GitRefState(now.repoUrl(), kept);
    }
}
