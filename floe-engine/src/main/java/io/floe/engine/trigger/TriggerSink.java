package io.floe.engine.trigger;

import io.floe.engine.TriggerOutcome;
import io.floe.engine.event.Event;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where scheduled triggers go: an inbound event, and state to save in the same transaction that adopts it. */
@FunctionalInterface
public interface TriggerSink {
    CompletableFuture<TriggerOutcome> fire(Event inbound, Map<String, String> state);
}
