package io.floe.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A push to a git repository, as a git server's webhook reported it: what {@link TriggerCall#push} matches against
 * the {@code git-push} triggers ({@link io.floe.engine.trigger.GitPushTrigger}).
 *
 * @param urls     the repository's clone URLs (https, ssh…), at least one
 * @param branch   the branch pushed (with its slashes, {@code feature/x}); empty for a tag
 * @param tag      the tag pushed; empty for a branch
 * @param hash     the pushed commit
 * @param delivery the server's id of this delivery, or empty; the runs record it
 */
public record RepoPush(List<String> urls, String branch, String tag, String hash, String delivery) {
    public RepoPush {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("a push names the repository's clone URLs, and this one has none");
        }
        branch = branch == null ? "" : branch;
        tag = tag == null ? "" : tag;
        hash = hash == null ? "" : hash;
        delivery = delivery == null ? "" : delivery;
    }

    /**
     * The {@code inbound.git-push} event's opts: {@code url} (the first clone URL; a trigger naming the repository
     * in another form gets its own form), {@code urls}, {@code branch}, {@code tag} (tags only), {@code hash} and
     * {@code delivery} (when known).
     */
    public Map<String, Object> opts() {
        Map<String, Object> o = new TreeMap<>();
        o.put("url", urls.get(0));
        o.put("urls", urls);
        o.put("branch", branch);
        if (!tag.isEmpty()) {
            o.put("tag", tag);
        }
        o.put("hash", hash);
        if (!delivery.isEmpty()) {
            o.put("delivery", delivery);
        }
        return o;
    }

    /** Whether two repository URLs name the same repository (scheme, user, {@code .git} and case of the host aside). */
    public static boolean sameRepository(String a, String b) {
        return io.floe.engine.trigger.RepoUrl.same(a, b);
    }
}
