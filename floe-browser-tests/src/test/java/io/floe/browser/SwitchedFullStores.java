package io.floe.browser;

import io.floe.engine.run.FaultyRunStore;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.RunStoreProvider;
import io.floe.engine.spi.StoreSettings;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code store-type: switched-full} for the banner test: a real local store whose commits fail as on a full disk while
 * {@code <store-root>/disk-full} exists; the engine's {@code FaultyRunStore}, as the standalone tests'
 * {@code faulty-local} is.
 */
public final class SwitchedFullStores implements RunStoreProvider {
    @Override
    public String type() {
        return "switched-full";
    }

    @Override
    public RunStore open(StoreSettings settings) {
        Path diskFull = settings.root().resolve("disk-full");
        return new FaultyRunStore(LocalRunStore.open(settings.root()), () -> Files.exists(diskFull),
                "[SQLITE_FULL] database or disk is full");
    }
}
