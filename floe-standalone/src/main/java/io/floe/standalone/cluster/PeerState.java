package io.floe.standalone.cluster;

import java.util.List;

/**
 * What this host knows of another: its id and tags from its last answer to a ping, whether it answers now, and whether
 * the entry is really this host itself (the hosts list may name every host of the cluster, this one included).
 *
 * @param hostId empty until the host has answered once
 * @param tags   the tags of its last answer; kept while it is offline
 * @param online whether its last ping (or call) succeeded
 * @param self   whether the entry turned out to be this host
 */
public record PeerState(String hostId, List<String> tags, boolean online, boolean self) {
    static final PeerState UNKNOWN = new PeerState("", List.of(), false, false);

    public PeerState {
        hostId = hostId == null ? "" : hostId;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Known, answering, and another host: one this host may offer pends to and ask for runs. */
    public boolean usable() {
        return online && !self && !hostId.isEmpty();
    }

    PeerState offline() {
        return new PeerState(hostId, tags, false, self);
    }
}
