package io.floe.engine.run;

import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.RunStoreProvider;
import io.floe.engine.spi.StoreSettings;
import io.floe.engine.store.local.LocalRunStore;
import io.floe.engine.store.local.MemoryRunStore;
import java.util.ServiceLoader;

/** Opens the run store named by the config's {@code store-type}. */
public final class RunStores {
    private RunStores() {}

    /**
     * {@code memory}: a {@link MemoryRunStore}; {@code local}: a {@link LocalRunStore} under {@code <root>/store};
     * any other type: the {@link RunStoreProvider} for it on the class path (e.g. {@code postgres}).
     *
     * @throws IllegalArgumentException for a type no provider opens
     * @throws StoreException           when the store cannot be opened
     */
    public static RunStore open(StoreSettings settings) {
        return switch (settings.type()) {
            case "memory" -> new MemoryRunStore();
            case "local" -> LocalRunStore.open(settings.root(), LocalRunStore.Durability.POWER_LOSS,
                    settings.logSync() ? LocalRunStore.LogSync.FORCED : LocalRunStore.LogSync.HANDED_TO_OS);
            default -> provider(settings.type()).open(settings);
        };
    }

    /** As {@link #open(StoreSettings)} for a store with no database settings. */
    public static RunStore open(String storeType, java.nio.file.Path storeRoot) {
        return open(StoreSettings.of(storeType, storeRoot));
    }

    private static RunStoreProvider provider(String type) {
        for (RunStoreProvider p : ServiceLoader.load(RunStoreProvider.class, RunStores.class.getClassLoader())) {
            if (p.type().equals(type)) {
                return p;
            }
        }
        throw new IllegalArgumentException(type + " is not a supported store type: use memory, local or postgres"
                + ("postgres".equals(type) ? " (postgres needs the floe-store-postgres module on the class path)" : ""));
    }
}
