package io.floe.store.postgres;

import io.floe.engine.spi.RunStoreProvider;
import io.floe.engine.spi.SharedRunStore;
import io.floe.engine.spi.StoreSettings;

/** Opens {@code store-type: postgres}: a {@link PostgresRunStore}. Listed for {@link java.util.ServiceLoader}. */
public final class PostgresStoreProvider implements RunStoreProvider {
    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public SharedRunStore open(StoreSettings settings) {
        return PostgresRunStore.open(settings);
    }
}
