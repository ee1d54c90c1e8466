package io.floe.engine.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How a host keeps task artifacts ({@code common.artifacts-max-size}, {@code common.artifacts-keep}).
 *
 * @param maxRunBytes the most bytes of artifacts one run keeps, all its tasks together
 * @param keep        how long after they were kept a run's artifacts are removed; null to keep them as long as the run
 */
public record ArtifactSettings(long maxRunBytes, Duration keep) {
    public static final long DEFAULT_MAX_RUN_BYTES = 100L << 20;
    public static final ArtifactSettings DEFAULTS = new ArtifactSettings(DEFAULT_MAX_RUN_BYTES, null);

    public ArtifactSettings {
        if (maxRunBytes < 0) {
            throw new IllegalArgumentException("artifacts-max-size can not be negative: " + maxRunBytes);
        }
    }

    public Optional<Duration> keepFor() {
        return Optional.ofNullable(keep);
    }
}
