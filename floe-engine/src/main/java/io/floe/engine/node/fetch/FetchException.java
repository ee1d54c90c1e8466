package io.floe.engine.node.fetch;

/**
 * A download that could not be done, with a message fit for the task's output: what went wrong and, where it helps,
 * what to do (the line {@code Download failed: <message>} is built from it).
 */
final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    FetchException(String message) {
        super(message);
    }

    FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
