package io.floe.standalone.api;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.Floe;
import io.floe.engine.StoreHealth;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.RouteTable;

/**
 * {@code GET /health}, without auth: whether the host is up, for load balancers and start scripts. A host whose run
 * store cannot write is not healthy: it refuses triggers, so it answers 503 with the store's problem until a commit
 * succeeds again. The answer is the bare document, not the API's {@code {"Message","Payload"}} envelope: load
 * balancers and probes read {@code Status} at the top; a 503's reason is its {@code Store}.
 */
public final class HealthRoutes {
    record Health(@SerializedName("Host") String host, @SerializedName("Status") String status,
            @SerializedName("Active") int active, @SerializedName("Pending") int pending,
            @SerializedName("Store") String store) {}

    private final Floe floe;

    public HealthRoutes(Floe floe) {
        this.floe = floe;
    }

    public void register(RouteTable routes) {
        routes.get("/health", Role.ANONYMOUS, ctx -> {
            StoreHealth store = floe.storeHealth();
            if (store.writes()) {
                bare(ctx, 200, new Health(floe.hostId(), "up", floe.activeCount(), floe.pendingCount(), "writes"));
                return;
            }
            String why = "the run store cannot write: " + store.problem().get() + "; " + (store.untilRestart()
                    ? "this host refuses all work until it is restarted (it then goes on from what the disk holds)"
                    : store.unsavedChanges() + " changes wait in memory and triggers are refused until it writes again");
            bare(ctx, 503, new Health(floe.hostId(), "store-cannot-write", floe.activeCount(), floe.pendingCount(),
                    why));
        });
    }

    private static void bare(io.javalin.http.Context ctx, int status, Health health) {
        ctx.attribute(Reply.REPLIED, Boolean.TRUE);
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(io.floe.engine.json.Json.pretty().toJson(health));
    }
}
