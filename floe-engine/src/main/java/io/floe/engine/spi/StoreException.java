package io.floe.engine.spi;

/**
 * A run store could not be opened, read or written. The message names the store file and says what to do; when a
 * commit fails, nothing of its batch was written.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
