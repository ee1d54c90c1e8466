package io.floe.browser;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.LocalRunStore;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunStore;
import io.floe.engine.run.RunStoreProvider;
import io.floe.engine.run.StoreBatch;
import io.floe.engine.run.StoreException;
import io.floe.engine.run.StoreSettings;
import io.floe.engine.run.StoredRun;
import io.floe.engine.run.TaskLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code store-type: switched-full} for the banner test: a real local store whose commits fail as on a full disk while
 * {@code <store-root>/disk-full} exists (the standalone tests have the same store as {@code faulty-local}).
 */
public final class SwitchedFullStores implements RunStoreProvider {
    @Override
    public String type() {
        return "switched-full";
    }

    @Override
    public RunStore open(StoreSettings settings) {
        return new Switched(LocalRunStore.open(settings.root()), settings.root().resolve("disk-full"));
    }

    private record Switched(RunStore store, Path diskFull) implements RunStore {
        @Override
        public void commit(StoreBatch batch) {
            if (Files.exists(diskFull)) {
                throw new StoreException("could not save " + batch.changes().size() + " changes to the run store:"
                        + " [SQLITE_FULL] database or disk is full; none of them was written");
            }
            store.commit(batch);
        }

        @Override
        public Recovery recover() {
            return store.recover();
        }

        @Override
        public Optional<StoredRun> find(HostedRef run) {
            return store.find(run);
        }

        @Override
        public RunPage list(RunQuery query) {
            return store.list(query);
        }

        @Override
        public Optional<String> state(String key) {
            return store.state(key);
        }

        @Override
        public TaskLogs logs() {
            return store.logs();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
