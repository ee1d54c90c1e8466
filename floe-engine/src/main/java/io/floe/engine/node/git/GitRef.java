package io.floe.engine.node.git;

import com.google.gson.annotations.SerializedName;
import java.time.Instant;

/**
 * One ref a poll saw, stored under its full name in a {@link GitRefState}. The JSON field names are the original's.
 *
 * @param name   the branch, tag or pull name: everything after the ref's type segment, with a trailing {@code ^{}}
 *               removed ({@code refs/heads/feature/x} → {@code feature/x}, {@code refs/pull/2/head} →
 *               {@code 2/head}); the original kept only the third segment ({@code feature}, {@code 2})
 * @param type   {@code branch}, {@code tag} or {@code pull}
 * @param hash   the object id the ref points at
 * @param change when the poll first saw the ref at this hash
 */
public record GitRef(
        @SerializedName("Name") String name,
        @SerializedName("Type") String type,
        @SerializedName("Hash") String hash,
        @SerializedName("Change") Instant change) {

    public static final String BRANCH = "branch";
    public static final String TAG = "tag";
    public static final String PULL = "pull";
}
