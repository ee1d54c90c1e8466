package io.floe.engine.run;

import io.floe.engine.event.HostedRef;
import java.util.Optional;

/**
 * A real store whose commits fail on demand with the error SQLite gives on a full disk, writing nothing; reads go
 * through. {@link #committed()} counts the commits that reached the store.
 */
public final class FaultyRunStore implements RunStore {
    private final RunStore store;
    private volatile String failure;
    private volatile int committed;

    public FaultyRunStore(RunStore store) {
        this.store = store;
    }

    /** From now on every commit fails as on a full disk. */
    public void fillDisk() {
        failure = "[SQLITE_FULL] database or disk is full (injected by the test)";
    }

    /** From now on commits reach the store again. */
    public void freeSpace() {
        failure = null;
    }

    public int committed() {
        return committed;
    }

    @Override
    public Recovery recover() {
        return store.recover();
    }

    @Override
    public void commit(StoreBatch batch) {
        String f = failure;
        if (f != null) {
            throw new StoreException("could not save " + batch.changes().size() + " changes to the run store: " + f
                    + "; none of them was written", null);
        }
        store.commit(batch);
        committed++;
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
