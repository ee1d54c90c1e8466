package io.floe.standalone.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * What a caller may do, each role everything the one before it may, and every route declares the least it needs
 * ({@link io.floe.standalone.server.RouteTable}). {@link #HOST} stands apart: only the host credential (the admin token
 * in {@code X-Floe-Auth} or as a Bearer token) has it, never a person's session, not even an admin's, because the
 * host-to-host routes take run definitions and secrets that people must not hand in or read.
 */
public enum Role implements RouteRole {
    /** No credential: login, health, CORS pre-flights, the signed git webhook (it is checked by its signature). */
    ANONYMOUS,
    /** Reads flows, runs, logs and events; changes nothing. */
    VIEWER,
    /** A viewer who also triggers runs, answers forms and cancels runs. */
    USER,
    /** A user who also reloads the config and reads the host's settings and cluster. */
    ADMIN,
    /** Another host of the cluster, or a script with the admin token: everything, and the p2p routes. */
    HOST;

    /** Whether a caller with this role may call a route declared with {@code needed}. */
    public boolean covers(Role needed) {
        return needed == HOST ? this == HOST : ordinal() >= needed.ordinal();
    }

    /** The role's name as the config and the README write it ({@code viewer}, {@code user}, …). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
