package io.floe.store.postgres.cluster;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.ForwardingRunStore;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.SharedRunStore;
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
final class HeldStore extends ForwardingRunStore implements SharedRunStore {
    /** The same store as {@link #store}, as a shared one. */
    private final SharedRunStore shared;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger waiting = new AtomicInteger();

    HeldStore(SharedRunStore store) {
        super(store);
        this.shared = store;
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
        return shared.claim(fits, max, now);
    }

    @Override
    public Optional<RunRecord> cancelPend(HostedRef run, String reason, Instant now) {
        pass();
        return shared.cancelPend(run, reason, now);
    }

    @Override
    public void join(List<String> hostTags) {
        shared.join(hostTags);
    }

    @Override
    public boolean renew() {
        return shared.renew();
    }

    @Override
    public List<String> reapLostHosts() {
        return shared.reapLostHosts();
    }

    @Override
    public AutoCloseable listen(Runnable wake) {
        return shared.listen(wake);
    }

    @Override
    public boolean lead(String role) {
        return shared.lead(role);
    }

    @Override
    public List<ClusterHost> hosts() {
        return shared.hosts();
    }

    @Override
    public void close() {
        release();
        super.close();
    }
}
