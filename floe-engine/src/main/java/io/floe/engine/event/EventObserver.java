package io.floe.engine.event;

/** Receives published events, in publish order, on a delivery thread of its own subscription. */
@FunctionalInterface
public interface EventObserver {
    void notify(Event event);
}
