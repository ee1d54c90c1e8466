package io.floe.standalone.auth;

/**
 * Who made a request: a user with a role, and whether they came with the session cookie (browsers, which must then
 * send the CSRF token on writes) or with the {@code X-Floe-Auth} header (scripts and hosts).
 */
public record Principal(String user, String role, boolean byCookie, Session session) {
    public static final String ADMIN = "ADMIN";
    public static final String USER = "USER";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }
}
