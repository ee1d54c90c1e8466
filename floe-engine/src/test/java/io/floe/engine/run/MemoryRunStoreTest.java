package io.floe.engine.run;

import java.nio.file.Path;

/** The run store contract, in memory. */
class MemoryRunStoreTest extends RunStoreContract {
    @Override
    protected RunStore open(Path dir) {
        return new MemoryRunStore();
    }
}
