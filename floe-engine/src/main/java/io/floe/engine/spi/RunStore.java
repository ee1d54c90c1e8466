package io.floe.engine.spi;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.StoredRun;
import java.util.List;
import java.util.Optional;

/**
 * Where a host keeps its runs. The hub writes through {@link #commit} only, one batch per routing turn; everything else
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

    /** Writes all changes of the batch in one transaction; on failure none is written. */
    void commit(StoreBatch batch);

    Optional<StoredRun> find(HostedRef run);

    RunPage list(RunQuery query);

    /** Named state (poll refs, timer fire times…), or empty. */
    Optional<String> state(String key);

    TaskLogs logs();

    @Override
    void close();
}
