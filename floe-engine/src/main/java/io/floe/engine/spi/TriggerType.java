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

    default List<String> check(NodeConfig trigger) {
        return List.of();
    }
}
