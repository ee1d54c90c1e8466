package io.floe.engine.spi;

/**
 * This host may no longer write to a shared store: its liveness lease lapsed (another host may already have taken
 * over its runs). Nothing of the refused batch was written; the host must drop its runs and {@link SharedRunStore#join}
 * again.
 */
public class FencedException extends StoreException {
    public FencedException(String message) {
        super(message);
    }
}
