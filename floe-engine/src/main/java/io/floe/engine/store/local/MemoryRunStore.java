package io.floe.engine.store.local;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.TaskLogs;
import io.floe.engine.store.jdbc.BatchChanges;
import io.floe.engine.store.jdbc.ListingKey;
import io.floe.engine.store.jdbc.PageMerge;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A run store in memory: nothing survives the process. Thread-safe: the hub commits while API threads read. Listings
 * are served from sorted indexes per status and per flow and status, so a page costs its own size, not the archive's.
 * Records are kept as given (they are immutable), so numbers in opts keep their Java type here, whereas a
 * {@link LocalRunStore} gives whole numbers back as {@code Long}; read opts with {@link io.floe.engine.config.Opts}.
 */
public final class MemoryRunStore implements RunStore {
    private record FlowBucket(String flowId, RunStatus status) {}

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final MemoryTaskLogs logs = new MemoryTaskLogs();
    private long counter;
    private final Map<HostedRef, RunRecord> runs = new HashMap<>();
    private final Map<HostedRef, Map<String, NodeRecord>> nodes = new HashMap<>();
    private final Map<RunStatus, NavigableMap<ListingKey, RunRecord>> byStatus = new EnumMap<>(RunStatus.class);
    private final Map<FlowBucket, NavigableMap<ListingKey, RunRecord>> byFlow = new HashMap<>();
    private final Map<String, String> state = new HashMap<>();

    @Override
    public Recovery recover() {
        lock.readLock().lock();
        try {
            return new Recovery(counter, oldestFirst(RunStatus.PENDING), oldestFirst(RunStatus.ACTIVE));
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<StoredRun> oldestFirst(RunStatus status) {
        List<StoredRun> out = new ArrayList<>();
        for (RunRecord r : bucket(status).descendingMap().values()) {
            out.add(stored(r));
        }
        return out;
    }

    @Override
    public void commit(StoreBatch batch) {
        BatchChanges changes = BatchChanges.of(batch); // checks everything before the first write
        lock.writeLock().lock();
        try {
            changes.counter().ifPresent(c -> counter = c);
            changes.runs().values().forEach(this::putRun);
            changes.nodes().forEach((k, rec) -> nodes.computeIfAbsent(k.run(), r -> new HashMap<>())
                    .put(k.nodeId(), rec));
            changes.states().forEach((k, v) -> {
                if (v == null) {
                    state.remove(k);
                } else {
                    state.put(k, v);
                }
            });
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void putRun(RunRecord rec) {
        RunRecord old = runs.put(rec.id(), rec);
        if (old != null) {
            ListingKey oldKey = ListingKey.of(old);
            bucket(old.status()).remove(oldKey);
            flowBucket(old.ref().flowRef().id(), old.status()).remove(oldKey);
        }
        ListingKey key = ListingKey.of(rec);
        bucket(rec.status()).put(key, rec);
        flowBucket(rec.ref().flowRef().id(), rec.status()).put(key, rec);
    }

    private NavigableMap<ListingKey, RunRecord> bucket(RunStatus status) {
        return byStatus.computeIfAbsent(status, s -> new TreeMap<>(ListingKey.NEWEST_FIRST));
    }

    private NavigableMap<ListingKey, RunRecord> flowBucket(String flowId, RunStatus status) {
        return byFlow.computeIfAbsent(new FlowBucket(flowId, status), b -> new TreeMap<>(ListingKey.NEWEST_FIRST));
    }

    @Override
    public Optional<StoredRun> find(HostedRef run) {
        lock.readLock().lock();
        try {
            RunRecord r = runs.get(run);
            return r == null ? Optional.empty() : Optional.of(stored(r));
        } finally {
            lock.readLock().unlock();
        }
    }

    private StoredRun stored(RunRecord r) {
        return new StoredRun(r, nodes.getOrDefault(r.id(), Map.of()));
    }

    @Override
    public RunPage list(RunQuery query) {
        int fetch = PageMerge.fetchSize(query.limit());
        lock.readLock().lock();
        try {
            List<List<RunRecord>> slices = new ArrayList<>();
            for (RunStatus status : query.scanned()) {
                NavigableMap<ListingKey, RunRecord> index = query.flowId().isEmpty()
                        ? byStatus.get(status)
                        : byFlow.get(new FlowBucket(query.flowId(), status));
                if (index == null) {
                    continue;
                }
                if (query.before() != null) {
                    index = index.tailMap(ListingKey.of(query.before()), false);
                }
                List<RunRecord> slice = new ArrayList<>();
                for (RunRecord r : index.values()) {
                    if (slice.size() >= fetch) {
                        break;
                    }
                    if (query.filter().matches(r)) {
                        slice.add(r);
                    }
                }
                slices.add(slice);
            }
            return PageMerge.page(slices, query.limit());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<String> state(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(state.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public TaskLogs logs() {
        return logs;
    }

    /** Nothing to release; the runs stay readable. */
    @Override
    public void close() {}
}
