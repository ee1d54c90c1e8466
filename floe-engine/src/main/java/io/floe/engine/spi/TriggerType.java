package io.floe.engine.spi;

import io.floe.engine.config.NodeConfig;
import java.util.List;
import java.util.Map;

/** A kind of trigger ({@code data}, {@code timer}, {@code poll-git}, {@code git-push}). */
public interface TriggerType {
    String name();

    /** Whether an {@code inbound.<name>} event with these opts starts a run through this trigger (floe-spec §2.6). */
    default boolean matches(NodeConfig trigger, Map<String, Object> eventOpts) {
        return true;
    }

    /**
     * The opts a run started through {@code trigger} gets from a matching event (by default the event's own): the
     * place for a type to hand each trigger what it asked for, in the form it asked for it.
     */
    default Map<String, Object> eventOpts(NodeConfig trigger, Map<String, Object> eventOpts) {
        return eventOpts;
    }

    default List<String> check(NodeConfig trigger) {
        return List.of();
    }
}
