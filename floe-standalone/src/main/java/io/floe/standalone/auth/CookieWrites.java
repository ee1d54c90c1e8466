package io.floe.standalone.auth;

import io.floe.standalone.api.ApiException;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Which writes a browser session (the {@code floe-sesh} cookie, which the browser adds to any request, including one
 * a page of another site makes it send) may make: those from this host's own pages. As OWASP's CSRF guidance
 * recommends, the browser's own headers decide: {@code Sec-Fetch-Site: same-origin}, or else an {@code Origin} that is
 * this host. A request that has neither is refused too (OWASP: block when both are missing; every browser in use
 * sends {@code Origin} on a POST), so a page can not strip them to get in. A client that sends the session's
 * {@code X-Floe-Csrf} token is accepted with it, as before, and a wrong token is refused whatever else it sends.
 * Requests with {@code X-Floe-Auth} are not the browser's doing and are not checked here.
 */
public final class CookieWrites {
    private CookieWrites() {}

    /** Ends a cookie-authenticated write that this host's pages did not make with 403, saying why. */
    public static void check(Context ctx, Session session) {
        String token = ctx.header(AuthFilter.CSRF_HEADER);
        if (token != null && !token.isEmpty()) {
            if (!session.csrf().equals(token)) {
                throw refused("wrong " + AuthFilter.CSRF_HEADER + " token: send the token given at login");
            }
            return;
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.isBlank()) {
            if (!"same-origin".equals(site.trim().toLowerCase(Locale.ROOT))) {
                throw refused("the request came from another site (Sec-Fetch-Site: " + site.trim() + ")");
            }
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.isBlank()) {
            if (!SameOrigin.matches(origin, ctx.scheme(), ctx.header("Host"))) {
                throw refused("the request came from " + origin + ", not from this host ("
                        + SameOrigin.expected(ctx.scheme(), ctx.header("Host")) + ")");
            }
            return;
        }
        throw refused("the request says neither where it came from (Origin, Sec-Fetch-Site) nor the session's "
                + AuthFilter.CSRF_HEADER + " token");
    }

    private static ApiException refused(String why) {
        return new ApiException(403, "write refused: " + why + ". Browser sessions may write from this host's own "
                + "pages; scripts send " + AuthFilter.HEADER + " or the " + AuthFilter.CSRF_HEADER + " token");
    }
}
