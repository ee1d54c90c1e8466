package io.floe.standalone.server;

import io.floe.standalone.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every route the host serves, each with the one {@link Role} it needs: a route can only be added with its role, and
 * {@link RouteGuard} enforces the role of whichever route a request matched, in one place. The table is also what the
 * README's role table and the security tests walk.
 */
public final class RouteTable {
    /** A route: method ({@code GET}, {@code POST}, {@code OPTIONS}, or {@code WS} for a websocket), path, role. */
    public record Route(String method, String path, Role role) {}

    private final Javalin app;
    private final RouteGuard guard;
    private final List<Route> routes = new ArrayList<>();

    RouteTable(Javalin app, RouteGuard guard) {
        this.app = app;
        this.guard = guard;
    }

    public RouteTable get(String path, Role role, Handler handler) {
        return add(HandlerType.GET, path, role, handler);
    }

    public RouteTable post(String path, Role role, Handler handler) {
        return add(HandlerType.POST, path, role, handler);
    }

    public RouteTable options(String path, Role role, Handler handler) {
        return add(HandlerType.OPTIONS, path, role, handler);
    }

    /**
     * A websocket: the upgrade request is checked for {@code role} first, then handed to {@code beforeUpgrade} (which
     * may refuse it too), then {@code ws} serves the connection.
     */
    public RouteTable ws(String path, Role role, Handler beforeUpgrade, Consumer<WsConfig> ws) {
        app.wsBeforeUpgrade(path, ctx -> guard.check(ctx, role));
        app.wsBeforeUpgrade(path, beforeUpgrade);
        app.ws(path, ws, role);
        synchronized (routes) {
            routes.add(new Route("WS", path, role));
        }
        return this;
    }

    /**
     * The files Javalin's static handler serves under {@code hostedPath} (the dashboard's scripts, styles, images): not
     * a route Javalin matches with a role, so the table records it and the guard gives those requests {@code role}.
     */
    public RouteTable staticFiles(String hostedPath, Role role) {
        guard.staticFiles(hostedPath, role);
        synchronized (routes) {
            routes.add(new Route("GET", hostedPath + "/*", role));
        }
        return this;
    }

    /** The routes added so far, in order. */
    public List<Route> routes() {
        synchronized (routes) {
            return List.copyOf(routes);
        }
    }

    private RouteTable add(HandlerType method, String path, Role role, Handler handler) {
        app.addHttpHandler(method, path, handler, role);
        synchronized (routes) {
            routes.add(new Route(method.name(), path, role));
        }
        return this;
    }
}
