package io.floe.store.postgres.cluster;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.SharedRunStore;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.TaskLogs;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real shared store whose claims and pend cancellations can be held up, as a database that is slow to answer them
 * would: while {@link #hold held}, each such call waits (before it reaches the database) until {@link #release}.
 * Everything else passes straight through.
 */
final class HeldStore implements SharedRunStore {
    private final SharedRunStore store;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger waiting = new AtomicInteger();

    HeldStore(SharedRunStore store) {
        this.store = store;
    }

    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** How many claims and cancellations wait for {@link #release} now. */
    int waiting() {
        return waiting.get();
    }

    private void pass() {
        waiting.incrementAndGet();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    @Override
    public Claims claim(Predicate<FlowConfig> fits, int max, Instant now) {
        pass();
        return store.claim(fits, max, now);
    }

    @Override
    public Optional<RunRecord> cancelPend(HostedRef run, String reason, Instant now) {
        pass();
        return store.cancelPend(run, reason, now);
    }

    @Override
    public void join(List<String> hostTags) {
        store.join(hostTags);
    }

    @Override
    public boolean renew() {
        return store.renew();
    }

    @Override
    public List<String> reapLostHosts() {
        return store.reapLostHosts();
    }

    @Override
    public AutoCloseable listen(Runnable wake) {
        return store.listen(wake);
    }

    @Override
    public boolean lead(String role) {
        return store.lead(role);
    }

    @Override
    public List<ClusterHost> hosts() {
        return store.hosts();
    }

    @Override
    public Recovery recover() {
        return store.recover();
    }

    @Override
    public void commit(StoreBatch batch) {
        store.commit(batch);
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
        release();
        store.close();
    }
}
