package io.floe.standalone.auth;

import java.time.Instant;

/**
 * A login session: its id (the cookie value), who logged in, the CSRF token for writes, when it began, and when it
 * lapses (the sooner of its idle lapse and its absolute end, {@link Sessions}).
 */
public record Session(String token, String user, String role, String csrf, Instant created, Instant expires) {
    public Session extendedTo(Instant newExpiry) {
        return new Session(token, user, role, csrf, created, newExpiry);
    }
}
