package io.floe.standalone.server;

import io.floe.engine.Floe;
import io.floe.standalone.auth.Logins;
import io.floe.standalone.auth.Sessions;
import io.floe.standalone.host.HostOptions;

/** What the routes of a host share: the engine, the flags, and the auth state. */
public record HostServices(Floe floe, HostOptions options, Sessions sessions, Logins logins) {

    /** The API prefix, {@code /build/api} unless the config says otherwise. */
    public String base() {
        String b = floe.config().common().effectiveBaseUrl();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
