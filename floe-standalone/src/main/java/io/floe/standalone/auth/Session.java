package io.floe.standalone.auth;

import java.time.Instant;

/** A login session: its id (the cookie value), who logged in, the CSRF token for writes, and when it lapses. */
public record Session(String token, String user, String role, String csrf, Instant expires) {
    public Session extendedTo(Instant newExpiry) {
        return new Session(token, user, role, csrf, newExpiry);
    }
}
