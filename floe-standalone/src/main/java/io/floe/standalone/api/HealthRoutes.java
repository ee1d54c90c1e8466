package io.floe.standalone.api;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.Floe;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.RouteTable;

/** {@code GET /health}, without auth: whether the host is up, for load balancers and start scripts. */
public final class HealthRoutes {
    record Health(@SerializedName("Host") String host, @SerializedName("Status") String status,
            @SerializedName("Active") int active, @SerializedName("Pending") int pending) {}

    private final Floe floe;

    public HealthRoutes(Floe floe) {
        this.floe = floe;
    }

    public void register(RouteTable routes) {
        routes.get("/health", Role.ANONYMOUS, ctx -> Reply.ok(ctx, new Health(floe.hostId(), "up", floe.activeCount(),
                floe.pendingCount())));
    }
}
