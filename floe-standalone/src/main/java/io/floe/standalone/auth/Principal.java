package io.floe.standalone.auth;

import java.util.Locale;

/**
 * Who made a request: a user with a role, and whether they came with the session cookie (browsers, whose writes must
 * then come from this host's own pages) or with the {@code X-Floe-Auth} header (scripts and hosts). {@code role} is
 * written as the original's login answer does ({@code ADMIN}, {@code USER}, and floe's {@code VIEWER}).
 */
public record Principal(String user, String role, boolean byCookie, Session session) {
    public static final String ADMIN = "ADMIN";
    public static final String USER = "USER";
    public static final String VIEWER = "VIEWER";

    /** The caller holding the admin token itself: scripts and the other hosts. */
    public static Principal hostCredential() {
        return new Principal("admin", ADMIN, false, null);
    }

    /** A login's role as sessions keep it, from a role of {@code common.users} ({@code viewer}, {@code user}, …). */
    public static String roleOf(String configRole) {
        return configRole == null ? USER : configRole.toUpperCase(Locale.ROOT);
    }

    /**
     * What this caller may do: the host credential is the only one without a session, and is the only {@link
     * Role#HOST}; a session has its login's role (an unknown one none at all).
     */
    public Role grant() {
        if (session == null && !byCookie) {
            return Role.HOST;
        }
        return switch (role) {
            case ADMIN -> Role.ADMIN;
            case USER -> Role.USER;
            case VIEWER -> Role.VIEWER;
            default -> Role.ANONYMOUS;
        };
    }

    public boolean isAdmin() {
        return grant().covers(Role.ADMIN);
    }
}
