package io.floe.engine;

/**
 * What happened to values supplied to a data node.
 *
 * @param accepted   whether the node took them
 * @param complete   whether the form is now complete (the run moves on)
 * @param message    why they were refused, or what happened, in words for the user
 * @param badValues  refused for the values themselves (a name the form does not declare, a value of the wrong type),
 *                   not for the run's state: sending them again will not help
 */
public record DataReceipt(boolean accepted, boolean complete, String message, boolean badValues) {
    public DataReceipt(boolean accepted, boolean complete, String message) {
        this(accepted, complete, message, false);
    }
}
