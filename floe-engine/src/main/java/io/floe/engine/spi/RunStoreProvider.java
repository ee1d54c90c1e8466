package io.floe.engine.spi;

/**
 * Opens run stores of a {@code store-type} that floe-engine does not build in (such as {@code postgres}). Found with
 * {@link java.util.ServiceLoader}: a module lists its provider in
 * {@code META-INF/services/io.floe.engine.spi.RunStoreProvider}.
 */
public interface RunStoreProvider {
    /** The {@code store-type} this provider opens. */
    String type();

    /**
     * Opens (creating or migrating its schema if needed) a store.
     *
     * @throws StoreException with a message naming the store (URL without secrets) and what to do
     */
    RunStore open(StoreSettings settings);
}
