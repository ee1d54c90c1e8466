package io.floe.engine.config;

import java.util.List;

/** Whether a host may run a flow: its tags must include every one of the flow's {@code host-tags} (floe-spec §7.7). */
public final class HostTags {
    private HostTags() {}

    public static boolean satisfy(List<String> hostTags, List<String> required) {
        return hostTags.containsAll(required);
    }

    /**
     * For a host with no other hosts to give runs to: why no host can ever run a flow whose host-tags it lacks, or
     * empty when it has them.
     */
    public static java.util.Optional<String> noHostCanRun(String hostId, List<String> hostTags, List<String> required) {
        if (satisfy(hostTags, required)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("no host can run it: it needs a host with tags " + required + ", host " + hostId
                + " has " + hostTags + ", and there are no other hosts (common.hosts) to give it to; start this "
                + "host with those -tags or add a host that has them");
    }
}
