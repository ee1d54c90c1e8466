package io.floe.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.store.local.LocalRunStore;
import io.floe.engine.store.local.MemoryRunStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config's store-type picks the store. */
class RunStoresTest {
    @TempDir
    Path dir;

    @Test
    void emptyAndMemoryGiveAMemoryStore() {
        try (RunStore a = RunStores.open("", dir); RunStore b = RunStores.open("memory", dir)) {
            assertThat(a).isInstanceOf(MemoryRunStore.class);
            assertThat(b).isInstanceOf(MemoryRunStore.class);
        }
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void localGivesADatabaseUnderStoreRoot() {
        try (RunStore s = RunStores.open("local", dir)) {
            assertThat(s).isInstanceOf(LocalRunStore.class);
            s.commit(new StoreBatch().state("foo/bar", "test data"));
            assertThat(s.state("foo/bar")).contains("test data");
        }
        assertThat(dir.resolve("store/floe.db")).isRegularFile();
    }

    @Test
    void anyOtherTypeIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> RunStores.open("s3", dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("s3 is not a supported store type: use memory, local or postgres");
    }
}
