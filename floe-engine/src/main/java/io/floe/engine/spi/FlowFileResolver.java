package io.floe.engine.spi;

import io.floe.engine.config.FlowConfig;
import java.util.Map;

/**
 * Applies a flow's {@code flow-file} when a trigger fires (floe-spec §2.10): loads the file (local, http or git) and
 * returns the configured flow with the file's overrides. May block; it is called off the routing thread.
 */
@FunctionalInterface
public interface FlowFileResolver {
    /**
     * @param triggerOpts the trigger's opts merged with the event's (a git flow-file reads its {@code ref} there)
     * @throws Exception with a message naming the reference and the cause when the file can not be loaded
     */
    FlowConfig resolve(FlowConfig configured, Map<String, Object> triggerOpts) throws Exception;

    /** For configs without flow-files: refuses any flow that has one. */
    FlowFileResolver NONE = (flow, opts) -> {
        if (!flow.flowFile().isEmpty()) {
            throw new IllegalStateException("flow-file " + flow.flowFile() + " can not be loaded: this host has no "
                    + "flow-file loader");
        }
        return flow;
    };
}
