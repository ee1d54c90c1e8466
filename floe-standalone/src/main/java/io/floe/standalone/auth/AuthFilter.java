package io.floe.standalone.auth;

import io.floe.standalone.api.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Who is calling: the admin token in {@code X-Floe-Auth} or as {@code Authorization: Bearer} (scripts, Prometheus,
 * other hosts), or a session id in {@code X-Floe-Auth} or in the {@code floe-sesh} cookie (browsers). A non-empty
 * header that is not valid does not fall back to the cookie (floe-spec §5.2). Browser writes must come from this
 * host's pages ({@link CookieWrites}). What each caller may do is the route's business ({@link Role}).
 */
public final class AuthFilter {
    public static final String HEADER = "X-Floe-Auth";
    public static final String CSRF_HEADER = "X-Floe-Csrf";
    public static final String COOKIE = "floe-sesh";
    private static final String ATTRIBUTE = "floe.principal";
    private static final String BEARER = "Bearer ";

    private final Sessions sessions;
    private final Logins logins;

    public AuthFilter(Sessions sessions, Logins logins) {
        this.sessions = sessions;
        this.logins = logins;
    }

    /** Authenticates the request or ends it with 401 (or 403 for a cross-site browser write); the principal is kept. */
    public Principal require(Context ctx) {
        Principal p = authenticate(ctx);
        if (p.byCookie() && isWrite(ctx)) {
            CookieWrites.check(ctx, p.session());
        }
        ctx.attribute(ATTRIBUTE, p);
        return p;
    }

    /** The principal {@link #require} found for this request. */
    public static Principal of(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw new ApiException(401, "missing session");
        }
        return p;
    }

    /** Authenticates without the CSRF check (for the websocket upgrade and reads). */
    public Principal authenticate(Context ctx) {
        String header = credentialHeader(ctx);
        if (header != null && !header.isEmpty()) {
            // session ids are 128 random bits and looked up freely; the admin token is throttled (CredentialThrottle)
            Optional<Session> byHeader = sessions.use(header);
            if (byHeader.isPresent()) {
                return new Principal(byHeader.get().user(), byHeader.get().role(), false, byHeader.get());
            }
            AuthOutcome o = logins.checkAdminToken(ctx.ip(), header);
            return switch (o.result()) {
                case OK -> Principal.hostCredential();
                case THROTTLED -> throw throttled(ctx, o);
                case WRONG -> throw new ApiException(401, "invalid session");
            };
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie == null || cookie.isEmpty()) {
            throw new ApiException(401, "missing session");
        }
        Optional<Session> s = sessions.use(cookie);
        return s.map(x -> new Principal(x.user(), x.role(), true, x))
                .orElseThrow(() -> new ApiException(401, "invalid session"));
    }

    /** The 429 for a throttled credential, with {@code Retry-After}. */
    public static ApiException throttled(Context ctx, AuthOutcome o) {
        ctx.header("Retry-After", Long.toString(o.retryAfterSeconds()));
        return new ApiException(429, "too many failed credentials from this address; try again in "
                + o.retryAfterSeconds() + " s");
    }

    /** {@code X-Floe-Auth}, or else a Bearer token (what Prometheus sends): one credential, asked the same way. */
    private static String credentialHeader(Context ctx) {
        String header = ctx.header(HEADER);
        String authorization = ctx.header("Authorization");
        // other schemes (a proxy's Basic auth) are not floe's credentials and are left alone
        if ((header == null || header.isEmpty()) && authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        return header;
    }

    private static boolean isWrite(Context ctx) {
        HandlerType m = ctx.method();
        return m == HandlerType.POST || m == HandlerType.PUT || m == HandlerType.DELETE || m == HandlerType.PATCH;
    }

    /** The session cookie: HttpOnly, SameSite=Lax, Secure under TLS, lasting as long as the session. */
    public static void setCookie(Context ctx, Session s) {
        boolean tls = "https".equalsIgnoreCase(ctx.scheme());
        ctx.header("Set-Cookie", COOKIE + "=" + s.token() + "; Path=/; Max-Age=" + Sessions.ABSOLUTE.toSeconds()
                + "; HttpOnly; SameSite=Lax" + (tls ? "; Secure" : ""));
    }

    public static void clearCookie(Context ctx) {
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    }
}
