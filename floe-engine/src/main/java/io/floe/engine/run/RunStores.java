package io.floe.engine.run;

import java.nio.file.Path;

/** Opens the run store named by the config's {@code store-type}. */
public final class RunStores {
    private RunStores() {}

    /**
     * {@code ""} or {@code memory}: a {@link MemoryRunStore}; {@code local}: a {@link LocalRunStore} under
     * {@code <storeRoot>/store}.
     *
     * @throws IllegalArgumentException for any other type
     * @throws StoreException           when a local store cannot be opened
     */
    public static RunStore open(String storeType, Path storeRoot) {
        String type = storeType == null ? "" : storeType;
        return switch (type) {
            case "", "memory" -> new MemoryRunStore();
            case "local" -> LocalRunStore.open(storeRoot);
            default -> throw new IllegalArgumentException(type + " is not a supported store type: use memory or local");
        };
    }
}
