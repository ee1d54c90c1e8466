package io.floe.standalone.config;

import com.google.gson.annotations.SerializedName;
import java.time.Instant;

/**
 * Where the host's config came from and when: a file, a file in a git repository (with the commit), or a URL.
 *
 * @param reference what was read: a path, {@code git@host:org/repo.git/path/floe.yml[#ref]} or a URL
 * @param kind      {@code file}, {@code git} or {@code http}
 * @param commit    the commit the file was read at (git only), else empty
 */
public record ConfigOrigin(
        @SerializedName("Reference") String reference,
        @SerializedName("Kind") String kind,
        @SerializedName("Commit") String commit,
        @SerializedName("LoadedAt") Instant loadedAt) {}
