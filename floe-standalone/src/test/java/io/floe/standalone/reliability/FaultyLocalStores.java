package io.floe.standalone.reliability;

import io.floe.engine.run.FaultyRunStore;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.RunStoreProvider;
import io.floe.engine.spi.StoreSettings;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code store-type: faulty-local} for tests: a real local store whose commits fail as on a full disk while the file
 * {@code <store-root>/disk-full} exists. A file is the switch, so a test reaches the store of a host it started only
 * through its configuration, as a user would.
 */
public final class FaultyLocalStores implements RunStoreProvider {
    @Override
    public String type() {
        return "faulty-local";
    }

    @Override
    public RunStore open(StoreSettings settings) {
        Path diskFull = diskFull(settings.root());
        return new FaultyRunStore(LocalRunStore.open(settings.root()), () -> Files.exists(diskFull),
                "[SQLITE_FULL] database or disk is full (while " + diskFull + " exists)");
    }

    /** The switch file of a host whose store root is {@code storeRoot}. */
    static Path diskFull(Path storeRoot) {
        return storeRoot.resolve("disk-full");
    }
}
