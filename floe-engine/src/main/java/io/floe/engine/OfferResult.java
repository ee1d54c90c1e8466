package io.floe.engine;

/**
 * The answer to a pend offered for execution ({@link Floe#offer}): started, refused for a conflict, or failed (also
 * what a host on a shared store answers: it claims its runs and takes no offers).
 */
public enum OfferResult {
    STARTED,
    CONFLICT,
    FAILED
}
