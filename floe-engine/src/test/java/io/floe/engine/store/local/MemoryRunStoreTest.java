package io.floe.engine.store.local;

import io.floe.engine.run.RunStoreContract;
import io.floe.engine.spi.RunStore;
import java.nio.file.Path;

/** The run store contract, in memory. */
class MemoryRunStoreTest extends RunStoreContract {
    @Override
    protected RunStore open(Path dir) {
        return new MemoryRunStore();
    }
}
