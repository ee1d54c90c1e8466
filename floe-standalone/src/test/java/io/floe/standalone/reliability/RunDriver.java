package io.floe.standalone.reliability;

import io.floe.engine.Await;
import io.floe.engine.event.Subscription;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a number of runs of one flow going on a host: triggers them through the API as scripts do, and watches the
 * host's events for their ends, starting the next run as soon as one ends.
 */
final class RunDriver implements AutoCloseable {
    private final Api api;
    private final String flow;
    private final Semaphore slots;
    private final List<String> started = new ArrayList<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final Set<String> endedBad = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastEventId = new AtomicLong();
    private final Subscription subscription;

    RunDriver(RunningHost host, String flow, int inFlight) {
        this.api = host.api;
        this.flow = flow;
        this.slots = new Semaphore(inFlight);
        this.subscription = host.host.floe().observe(e -> {
            lastEventId.accumulateAndGet(e.id(), Math::max);
            if (e.tag().equals("sys.end.all") && e.runRef().run().id() != 0) {
                String run = e.runRef().run().toString();
                if (!e.good()) {
                    endedBad.add(run);
                }
                if (ended.add(run)) {
                    slots.release();
                }
            }
        });
    }

    /** Starts runs, no more than the limit at once, until {@code duration} has passed; how many it started. */
    int runFor(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        int n = 0;
        while (System.nanoTime() < end) {
            if (slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                trigger();
                n++;
            }
        }
        return n;
    }

    /** Starts {@code count} runs, no more than the limit at once. */
    void run(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            slots.acquire();
            trigger();
        }
    }

    void awaitAllEnded(Duration timeout) throws InterruptedException {
        Await.until(() -> ended.containsAll(started()), timeout);
    }

    synchronized List<String> started() {
        return List.copyOf(started);
    }

    Set<String> endedBad() {
        return Set.copyOf(endedBad);
    }

    /** The highest event id the host has published so far. */
    long lastEventId() {
        return lastEventId.get();
    }

    private void trigger() {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"go\"}}",
                Api.admin());
        if (a.status() != 200) {
            throw new AssertionError("trigger of " + flow + " refused: " + a.status() + " " + a.body());
        }
        String run = a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
        synchronized (this) {
            started.add(run);
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
