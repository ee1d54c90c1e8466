package io.floe.standalone.cluster;

import java.util.List;

/** Who a host said it is when pinged: its id and tags ({@code GET <base>/p2p/config}). */
public record PeerIdentity(String hostId, List<String> tags) {
    public PeerIdentity {
        hostId = hostId == null ? "" : hostId;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
