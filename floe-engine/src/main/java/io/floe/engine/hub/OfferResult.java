package io.floe.engine.hub;

/** The answer to a pend offered for execution: started, refused for a conflict, or failed. */
public enum OfferResult {
    STARTED,
    CONFLICT,
    FAILED
}
