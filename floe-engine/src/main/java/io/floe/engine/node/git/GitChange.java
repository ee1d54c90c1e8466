package io.floe.engine.node.git;

import java.util.Map;

/**
 * A ref a poll found new or moved: one {@code inbound.poll-git} trigger to fire.
 *
 * @param url    the repository
 * @param branch the ref's name as {@link GitRef#name()} gives it ({@code feature/x}, {@code v1.2}, {@code 2/head})
 * @param hash   the ref's new object id
 * @param ref    the full ref name ({@code refs/heads/feature/x})
 * @param type   {@code branch}, {@code tag} or {@code pull}
 */
public record GitChange(String url, String branch, String hash, String ref, String type) {

    /** The trigger's event opts, as the original sent them: {@code url}, {@code branch}, {@code hash}. */
    public Map<String, Object> opts() {
        return Map.of("url", url, "branch", branch, "hash", hash);
    }
}
