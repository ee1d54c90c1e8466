package io.floe.engine.run;

import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.TaskLogs;
import java.util.Optional;

/** A real store seen through a test's eyes: everything goes through to it; a test overrides what it watches or breaks. */
public abstract class ForwardingRunStore implements RunStore {
    protected final RunStore store;

    protected ForwardingRunStore(RunStore store) {
        this.store = store;
    }

    @Override
    public Recovery recover() {
        return store.recover();
    }

    /** Writes and forces, as the store's own commit does, through {@link #write}. */
    @Override
    public void commit(StoreBatch batch) {
        write(batch).force();
    }

    @Override
    public Forcing write(StoreBatch batch) {
        return store.write(batch);
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
