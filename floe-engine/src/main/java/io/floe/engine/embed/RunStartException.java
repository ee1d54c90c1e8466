package io.floe.engine.embed;

/** A run could not be started: no such flow or trigger, a flow-file that failed, a conflict. The message says why. */
public final class RunStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunStartException(String message) {
        super(message);
    }

    public RunStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
