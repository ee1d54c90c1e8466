package io.floe.standalone.reliability;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.LocalRunStore;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunStore;
import io.floe.engine.run.RunStoreProvider;
import io.floe.engine.run.StoreBatch;
import io.floe.engine.run.StoreException;
import io.floe.engine.run.StoredRun;
import io.floe.engine.run.StoreSettings;
import io.floe.engine.run.TaskLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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
        return new Switched(LocalRunStore.open(settings.root()), settings.root().resolve("disk-full"));
    }

    /** The switch file of a host whose store root is {@code storeRoot}. */
    static Path diskFull(Path storeRoot) {
        return storeRoot.resolve("disk-full");
    }

    private record Switched(RunStore store, Path diskFull) implements RunStore {
        @Override
        public void commit(StoreBatch batch) {
            if (Files.exists(diskFull)) {
                throw new StoreException("could not save " + batch.changes().size() + " changes to the run store:"
                        + " [SQLITE_FULL] database or disk is full (while " + diskFull + " exists); none of them was"
                        + " written");
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
