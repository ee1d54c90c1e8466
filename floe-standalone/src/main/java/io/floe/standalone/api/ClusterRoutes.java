package io.floe.standalone.api;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.Floe;
import io.floe.engine.spi.SharedRunStore;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.RouteTable;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET <base>/cluster}: the hosts of a cluster on a shared store as the database knows them — their tags,
 * whether their lease is current (alive) and until when — and whether this host fires the cluster's timers and polls.
 * A host on its own store lists only itself.
 */
public final class ClusterRoutes {
    record HostEntry(@SerializedName("ID") String id, @SerializedName("Tags") List<String> tags,
            @SerializedName("Alive") boolean alive, @SerializedName("LeaseUntil") Instant leaseUntil) {
        static HostEntry of(SharedRunStore.ClusterHost h) {
            return new HostEntry(h.hostId(), h.tags(), h.alive(), h.leaseUntil());
        }
    }

    record ClusterView(@SerializedName("Host") String host, @SerializedName("SharedStore") boolean shared,
            @SerializedName("FiresTriggers") boolean firesTriggers, @SerializedName("Hosts") List<HostEntry> hosts) {}

    private final Floe floe;
    private final List<String> tags;

    public ClusterRoutes(Floe floe, List<String> tags) {
        this.floe = floe;
        this.tags = List.copyOf(tags);
    }

    public void register(RouteTable routes, String base) {
        routes.get(base + "/cluster", Role.ADMIN, ctx -> Reply.ok(ctx, view()));
    }

    private ClusterView view() {
        List<HostEntry> hosts = floe.sharesStore()
                ? floe.clusterHosts().stream().map(HostEntry::of).toList()
                : List.of(new HostEntry(floe.hostId(), tags, true, null));
        return new ClusterView(floe.hostId(), floe.sharesStore(), floe.firesTriggers(), hosts);
    }
}
