package io.floe.engine.hub;

/**
 * What happened to values supplied to a data node.
 *
 * @param accepted whether the node took them
 * @param complete whether the form is now complete (the run moves on)
 * @param message  why they were refused, or what happened, in words for the user
 */
public record DataReceipt(boolean accepted, boolean complete, String message) {}
