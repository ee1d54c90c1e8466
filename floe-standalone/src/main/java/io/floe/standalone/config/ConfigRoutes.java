package io.floe.standalone.config;

import com.google.gson.annotations.SerializedName;
import io.floe.standalone.api.Reply;
import io.floe.standalone.auth.AuthFilter;
import io.floe.standalone.auth.Role;
import io.floe.standalone.server.RouteTable;
import io.javalin.http.Context;

/** {@code POST <base>/config/reload} (admins) and {@code GET <base>/config/source} (where the config came from). */
public final class ConfigRoutes {
    record Source(@SerializedName("Origin") ConfigOrigin origin, @SerializedName("LastError") String lastError) {}

    record Reloaded(@SerializedName("Changed") boolean changed, @SerializedName("Origin") ConfigOrigin origin) {}

    private final ConfigReloader reloader;

    public ConfigRoutes(ConfigReloader reloader) {
        this.reloader = reloader;
    }

    public void register(RouteTable routes, String base) {
        routes.post(base + "/config/reload", Role.ADMIN, this::reload);
        routes.get(base + "/config/source", Role.ADMIN, ctx -> Reply.ok(ctx, new Source(reloader.origin(),
                reloader.lastError())));
    }

    private void reload(Context ctx) {
        ConfigReloader.Result r = reloader.reload("requested by " + AuthFilter.of(ctx).user());
        if (!r.applied()) {
            Reply.send(ctx, 422, "config refused, the host keeps its old config: " + r.error(), null);
            return;
        }
        Reply.send(ctx, 200, r.changed() ? "reloaded" : "unchanged", new Reloaded(r.changed(), r.origin()));
    }
}
