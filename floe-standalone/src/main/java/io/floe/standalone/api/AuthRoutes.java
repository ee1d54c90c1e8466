package io.floe.standalone.api;

import com.google.gson.annotations.SerializedName;
import io.floe.standalone.auth.AuthFilter;
import io.floe.standalone.auth.AuthOutcome;
import io.floe.standalone.auth.Logins;
import io.floe.standalone.auth.Principal;
import io.floe.standalone.auth.Role;
import io.floe.standalone.auth.Session;
import io.floe.standalone.server.HostServices;
import io.floe.standalone.server.RouteTable;
import io.javalin.http.Context;

/** {@code POST <base>/login}, {@code POST <base>/logout} and {@code GET <base>/session} (floe-spec §5.2). */
public final class AuthRoutes {
    record LoginRequest(@SerializedName("User") String user, @SerializedName("Password") String password) {}

    /** What a login answers: the original's fields, plus the CSRF token browser writes must carry. */
    record LoginReply(@SerializedName("User") String user, @SerializedName("Role") String role,
            @SerializedName("Token") String token, @SerializedName("Csrf") String csrf) {}

    private final HostServices host;

    public AuthRoutes(HostServices host) {
        this.host = host;
    }

    public void register(RouteTable routes, String base) {
        routes.post(base + "/login", Role.ANONYMOUS, this::login);
        routes.post(base + "/logout", Role.VIEWER, this::logout);
        routes.get(base + "/session", Role.VIEWER, this::session);
    }

    private void login(Context ctx) {
        LoginRequest req = Bodies.read(ctx, LoginRequest.class);
        Session[] made = new Session[1];
        AuthOutcome o = host.logins().check(ctx.ip(), req.user(), req.password(),
                who -> made[0] = host.sessions().create(who.user(), who.role()));
        switch (o.result()) {
            case OK -> {
                AuthFilter.setCookie(ctx, made[0]);
                Reply.ok(ctx, new LoginReply(made[0].user(), made[0].role(), made[0].token(), made[0].csrf()));
            }
            case THROTTLED -> {
                ctx.header("Retry-After", Long.toString(o.retryAfterSeconds()));
                Reply.fail(ctx, 429, "too many failed logins for this user or from this address; try again in "
                        + o.retryAfterSeconds() + " s");
            }
            default -> Reply.fail(ctx, 401, "username or password were wrong");
        }
    }

    private void logout(Context ctx) {
        Principal p = AuthFilter.of(ctx);
        if (p.session() != null) {
            host.sessions().end(p.session().token());
        }
        AuthFilter.clearCookie(ctx);
        Reply.send(ctx, 200, "logged out", null);
    }

    /** Who this session is, with its CSRF token: how a reloaded dashboard finds out it is still logged in. */
    private void session(Context ctx) {
        Principal p = AuthFilter.of(ctx);
        Reply.ok(ctx, new LoginReply(p.user(), p.role(), null, p.session() == null ? null : p.session().csrf()));
    }
}
