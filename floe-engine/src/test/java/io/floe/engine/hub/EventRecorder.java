package io.floe.engine.hub;

import io.floe.engine.event.Event;
import io.floe.engine.event.EventObserver;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records every event a host publishes, and lets a test wait for one without sleeping. */
public final class EventRecorder implements EventObserver {
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void notify(Event event) {
        events.add(event);
        notifyAll();
    }

    /** The first recorded event matching {@code p}, waiting up to 30 s for it. */
    public Event await(Predicate<Event> p) {
        return await(p, DEFAULT_WAIT);
    }

    public synchronized Event await(Predicate<Event> p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Event e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event within " + timeout + "; recorded: " + summary());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    public Event awaitTag(HostedRef run, String tag) {
        return await(e -> e.tag().equals(tag) && e.runRef().run().equals(run));
    }

    /** Waits for the run's {@code sys.end.all}. */
    public Event awaitEnd(HostedRef run) {
        return awaitTag(run, Tags.SYS_END_ALL);
    }

    public synchronized List<Event> of(HostedRef run) {
        return events.stream().filter(e -> e.runRef().run().equals(run)).toList();
    }

    /** The run's tags in publish order, with the node id for node events ({@code sys.node.start build}). */
    public List<String> tags(HostedRef run) {
        return of(run).stream().map(e -> e.tag()).toList();
    }

    /** Output lines ({@code sys.node.update} with an {@code update}) of one node of a run, in order. */
    public List<String> output(HostedRef run, String nodeId) {
        return of(run).stream()
                .filter(e -> e.tag().equals(Tags.SYS_NODE_UPDATE) && e.sourceNode().id().equals(nodeId)
                        && e.opts().containsKey("update"))
                .map(e -> String.valueOf(e.opts().get("update"))).toList();
    }

    public synchronized List<Event> all() {
        return List.copyOf(events);
    }

    private String summary() {
        List<String> s = new ArrayList<>();
        for (Event e : events) {
            s.add(e.runRef().run() + ":" + e.tag() + ":" + e.sourceNode().id());
        }
        return s.toString();
    }
}
