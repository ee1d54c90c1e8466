package io.floe.engine.node.git;

import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import io.floe.engine.json.Json;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The refs of a repository as one poll saw them: what poll-git stores between polls, in the original's JSON form
 * {@code {"RepoURL": …, "Hashes": {"refs/heads/master": {"Name","Type","Hash","Change"}, …}}}, so a state the
 * original stored is read as it is.
 *
 * @param repoUrl the repository polled
 * @param hashes  the refs by full name, sorted
 */
public record GitRefState(
        @SerializedName("RepoURL") String repoUrl,
        @SerializedName("Hashes") Map<String, GitRef> hashes) {

    public GitRefState {
        repoUrl = repoUrl == null ? "" : repoUrl;
        hashes = hashes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(hashes));
    }

    /** No refs of no repository: what there is before the first poll. */
    public static GitRefState empty() {
        return new GitRefState("", Map.of());
    }

    public String toJson() {
        return Json.write(this);
    }

    /**
     * Reads a stored state; null or blank gives {@link #empty()}.
     *
     * @throws IllegalArgumentException when the text is not such a state
     */
    public static GitRefState fromJson(String json) {
        if (json == null || json.isBlank()) {
            return empty();
        }
        try {
            GitRefState s = Json.read(json, GitRefState.class);
            return s == null ? empty() : new GitRefState(s.repoUrl(), s.hashes());
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("stored poll-git state is not valid JSON refs: " + e.getMessage(), e);
        }
    }
}
