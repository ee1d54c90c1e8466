package io.floe.engine.hub;

import java.util.List;

/** Whether a host may run a flow: its tags must include every one of the flow's {@code host-tags} (floe-spec §7.7). */
public final class HostTags {
    private HostTags() {}

    public static boolean satisfy(List<String> hostTags, List<String> required) {
        return hostTags.containsAll(required);
    }
}
