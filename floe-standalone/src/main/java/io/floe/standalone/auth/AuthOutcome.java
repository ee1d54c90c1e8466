package io.floe.standalone.auth;

import java.time.Duration;

/** The outcome of checking a credential and, when throttled, how long until the caller may try again. */
public record AuthOutcome(Result result, Duration retryAfter) {
    /** Right, wrong, or not checked because of too many failures. */
    public enum Result { OK, WRONG, THROTTLED }

    static final AuthOutcome OK = new AuthOutcome(Result.OK, Duration.ZERO);
    static final AuthOutcome WRONG = new AuthOutcome(Result.WRONG, Duration.ZERO);

    static AuthOutcome throttled(Duration retryAfter) {
        return new AuthOutcome(Result.THROTTLED, retryAfter);
    }

    /** Whole seconds for a {@code Retry-After} header, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
