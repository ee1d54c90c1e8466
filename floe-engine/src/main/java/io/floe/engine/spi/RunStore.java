package io.floe.engine.spi;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.StoredRun;
import java.util.List;
import java.util.Optional;

/**
 * Where a host keeps its runs. The hub writes through {@link #write} only, one batch per routing turn; everything else
 * reads. Implementations: {@link MemoryRunStore} and {@link LocalRunStore} (SQLite). An embedder may supply its own.
 */
public interface RunStore extends AutoCloseable {

    /** What a (re)started host must pick up: the run counter, runs still pending and runs still active. */
    record Recovery(long counter, List<StoredRun> pending, List<StoredRun> active) {
        public Recovery {
            pending = List.copyOf(pending);
            active = List.copyOf(active);
        }
    }

    Recovery recover();

    /** Writes all changes of the batch in one transaction, durable once it returns; on failure none is written. */
    void commit(StoreBatch batch);

    /**
     * Writes the batch as {@link #commit} does (readable at once, all or none), but may leave forcing it to the disk to
     * the returned {@link Forcing}: the hub then writes its next turns while one of its threads forces the disk once
     * for all of them (group commit), and tells or starts nothing of a turn before that. A store whose commit is
     * durable as written keeps this default.
     */
    default Forcing write(StoreBatch batch) {
        commit(batch);
        return Forcing.DONE;
    }

    /**
     * What is left to make written batches durable. {@link #force} makes every batch written before it durable, not only
     * its own: one force serves a group. It may be called from any thread, never at the same time as another force.
     */
    @FunctionalInterface
    interface Forcing {
        /** Nothing is left: the batch was durable once written. */
        Forcing DONE = () -> {};

        /**
         * Forces the batches written so far to the disk; throws {@link StoreException} when the disk reports that it
         * could not, after which what the disk holds of them is unknown.
         */
        void force();
    }

    Optional<StoredRun> find(HostedRef run);

    RunPage list(RunQuery query);

    /** Named state (poll refs, timer fire times…), or empty. */
    Optional<String> state(String key);

    TaskLogs logs();

    @Override
    void close();
}
