package io.floe.standalone.server;

import io.floe.standalone.api.ApiException;
import io.floe.standalone.api.Ids;
import io.floe.standalone.auth.AuthFilter;
import io.floe.standalone.auth.Principal;
import io.floe.standalone.auth.Role;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Map;
import java.util.Set;

/**
 * Enforces the role each route declared in the {@link RouteTable}: before any handler runs, the caller is
 * authenticated (401 without a valid credential), a browser write must come from this host's pages (403), the
 * caller's role must cover the route's (403 naming both), and the ids in the path must be ids (400). A route that
 * declared no role is refused to everyone: nothing is open by omission.
 */
final class RouteGuard {
    /** Path parameters that are ids, and what to call them in an error. */
    private static final Map<String, String> ID_PARAMS = Map.of("id", "flow id", "rid", "run id", "nid", "node id");

    private final AuthFilter auth;

    RouteGuard(AuthFilter auth) {
        this.auth = auth;
    }

    /** For an HTTP route matched by Javalin: the role it was registered with. */
    void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() && "*".equals(ctx.matchedPath()) && ctx.path().startsWith("/static/")) {
            return; // the dashboard's own files (Javalin's static handler, registered without roles): anonymous
        }
        if (roles.size() != 1 || !(roles.iterator().next() instanceof Role role)) {
            throw new ApiException(500, ctx.method() + " " + ctx.matchedPath()
                    + " declares no role, so nobody may call it: register it in the RouteTable with one");
        }
        check(ctx, role);
    }

    void check(Context ctx, Role needed) {
        if (needed != Role.ANONYMOUS) {
            Principal p = auth.require(ctx);
            Role has = p.grant();
            if (!has.covers(needed)) {
                throw new ApiException(403, ctx.method() + " " + ctx.path() + " is for " + who(needed) + "; "
                        + p.user() + " is " + (has == Role.ANONYMOUS ? "of no known role"
                        : (has == Role.ADMIN ? "an " : "a ") + has.configName()));
            }
        }
        for (var param : ctx.pathParamMap().entrySet()) {
            String what = ID_PARAMS.get(param.getKey());
            if (what != null) {
                Ids.require(what, param.getValue());
            }
        }
    }

    private static String who(Role needed) {
        return switch (needed) {
            case HOST -> "other hosts only (the admin token in " + AuthFilter.HEADER + "), never a person's session";
            case ADMIN -> "admins only";
            case USER -> "users and admins (viewers may only read)";
            default -> "viewers, users and admins";
        };
    }
}
