package io.floe.engine.event;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's event fan-out. {@link #publish} numbers each event (one counter per host, from 1) and hands it to every
 * observer. Each observer gets events in publish order on its own serial delivery, so a slow observer delays only
 * itself; one with a bounded buffer that overflows is dropped rather than slowing the publisher.
 */
public final class EventQueue {
    private static final Logger log = LoggerFactory.getLogger(EventQueue.class);

    private final AtomicLong counter = new AtomicLong();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Executor executor;
    private final Object publishLock = new Object();

    /** @param executor runs the observers' deliveries; each delivery uses at most one thread at a time. */
    public EventQueue(Executor executor) {
        this.executor = executor;
    }

    /** Numbers the event and delivers it to every observer. Returns the numbered event. */
    public Event publish(Event event) {
        // numbering and enqueueing under one lock keeps every observer's order equal to the numbering
        synchronized (publishLock) {
            Event numbered = event.withId(counter.incrementAndGet());
            for (Delivery d : deliveries) {
                d.offer(numbered);
            }
            return numbered;
        }
    }

    /** Observes every event from now on, with an unbounded buffer. */
    public Subscription observe(EventObserver observer) {
        return observe(observer, Integer.MAX_VALUE);
    }

    /**
     * Observes every event from now on. If more than {@code capacity} events wait for the observer, it is dropped
     * (its subscription closes) so it can never hold the host back.
     */
    public Subscription observe(EventObserver observer, int capacity) {
        Delivery d = new Delivery(observer, capacity);
        deliveries.add(d);
        return d;
    }

    /** The id of the last event published. */
    public long lastId() {
        return counter.get();
    }

    private final class Delivery implements Subscription, Runnable {
        private final EventObserver observer;
        private final int capacity;
        private final ArrayDeque<Event> pending = new ArrayDeque<>();
        private boolean draining;
        private volatile boolean closed;

        Delivery(EventObserver observer, int capacity) {
            this.observer = observer;
            this.capacity = capacity;
        }

        void offer(Event e) {
            boolean start;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (pending.size() >= capacity) {
                    log.warn("dropping an event observer that fell {} events behind", capacity);
                    closeLocked();
                    return;
                }
                pending.add(e);
                start = !draining;
                draining = true;
            }
            if (start) {
                executor.execute(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                Event next;
                synchronized (this) {
                    next = closed ? null : pending.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                try {
                    observer.notify(next);
                } catch (RuntimeException ex) {
                    log.error("event observer failed on event {} {}; it stays subscribed", next.id(), next.tag(), ex);
                }
            }
        }

        @Override
        public synchronized int backlog() {
            return pending.size();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public synchronized void close() {
            closeLocked();
        }

        private void closeLocked() {
            closed = true;
            pending.clear();
            deliveries.remove(this);
        }
    }
}
