package io.floe.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event fan-out: numbering, per-observer order, and isolation from slow observers (floe-spec §3.1, §7.3). */
class EventQueueTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final EventQueue queue = new EventQueue(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** EV-01: an observer receives the event numbered 1, with the run written h1-12. */
    @Test
    void observerReceivesNumberedEvent() throws Exception {
        CountDownLatch got = new CountDownLatch(1);
        List<Event> seen = new CopyOnWriteArrayList<>();
        queue.observe(e -> {
            seen.add(e);
            got.countDown();
        });
        RunRef ref = new RunRef(new FlowRef("f", 1), new HostedRef("h1", 12), "");
        Event published = queue.publish(Event.of(ref, NodeRef.NONE, "task.x.good", true, null));
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(published.id()).isEqualTo(1);
        assertThat(seen.get(0).id()).isEqualTo(1);
        assertThat(seen.get(0).runRef().run().toString()).isEqualTo("h1-12");
        assertThat(seen.get(0).opts()).isEmpty();
    }

    /** EV-02. */
    @Test
    void systemTags() {
        assertThat(Tags.isSystem("")).isFalse();
        assertThat(Tags.isSystem("fo")).isFalse();
        assertThat(Tags.isSystem("system.foo")).isFalse();
        assertThat(Tags.isSystem("sys.bar")).isTrue();
    }

    @Test
    void everyObserverSeesEventsInPublishOrder() throws Exception {
        int n = 5_000;
        List<Long> a = new CopyOnWriteArrayList<>();
        List<Long> b = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        queue.observe(e -> {
            a.add(e.id());
            if (a.size() == n) {
                done.countDown();
            }
        });
        queue.observe(e -> {
            b.add(e.id());
            if (b.size() == n) {
                done.countDown();
            }
        });
        Thread[] publishers = new Thread[4];
        for (int t = 0; t < publishers.length; t++) {
            publishers[t] = new Thread(() -> {
                for (int i = 0; i < n / 4; i++) {
                    queue.publish(Event.of(null, null, "t", true, Map.of()));
                }
            });
            publishers[t].start();
        }
        for (Thread t : publishers) {
            t.join();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(a).isSorted().hasSize(n).doesNotHaveDuplicates();
        assertThat(b).isEqualTo(a);
    }

    @Test
    void aSlowObserverDelaysOnlyItself() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch fastDone = new CountDownLatch(100);
        queue.observe(e -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        queue.observe(e -> fastDone.countDown());
        for (int i = 0; i < 100; i++) {
            queue.publish(Event.of(null, null, "t", true, Map.of()));
        }
        assertThat(fastDone.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
    }

    @Test
    void anObserverThatFallsTooFarBehindIsDropped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Subscription slow = queue.observe(e -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, 10);
        for (int i = 0; i < 50; i++) {
            queue.publish(Event.of(null, null, "t", true, Map.of()));
        }
        assertThat(slow.isClosed()).isTrue();
        release.countDown();
    }

    @Test
    void aFailingObserverKeepsReceiving() throws Exception {
        CountDownLatch two = new CountDownLatch(2);
        queue.observe(e -> {
            two.countDown();
            throw new IllegalStateException("boom");
        });
        queue.publish(Event.of(null, null, "a", true, Map.of()));
        queue.publish(Event.of(null, null, "b", true, Map.of()));
        assertThat(two.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
