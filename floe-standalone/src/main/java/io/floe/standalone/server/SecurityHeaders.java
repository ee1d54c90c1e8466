package io.floe.standalone.server;

import java.util.function.BiConsumer;

/**
 * The headers every answer carries, whoever writes it (a route, Javalin's error pages, Jetty's refusals of requests it
 * can not read, the websocket's refused upgrades): a strict Content-Security-Policy and {@code nosniff}, so nothing
 * served is run or sniffed as another type; {@code no-store} on API answers, which hold runs, logs and sessions that
 * must not stay in a shared cache; and HSTS when served over TLS.
 */
public final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    static final String HSTS = "max-age=31536000";

    private SecurityHeaders() {}

    /** Adds the headers of an answer; {@code api} for everything but the dashboard's pages and static files. */
    public static void apply(BiConsumer<String, String> header, boolean tls, boolean api) {
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("Referrer-Policy", "same-origin");
        header.accept("Content-Security-Policy", CSP);
        if (api) {
            header.accept("Cache-Control", "no-store");
        }
        if (tls) {
            header.accept("Strict-Transport-Security", HSTS);
        }
    }
}
