package io.floe.standalone.metrics;

import io.floe.standalone.api.ApiException;
import io.floe.standalone.auth.AuthFilter;
import io.floe.standalone.auth.AuthOutcome;
import io.floe.standalone.auth.Logins;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code GET /metrics} for Prometheus. Auth: the admin token as {@code Authorization: Bearer <token>} (what Prometheus
 * sends with {@code authorization: {credentials: …}}), or as the API accepts it ({@code X-Floe-Auth}, or a logged-in
 * session).
 */
public final class MetricsRoute {
    public static final String PATH = "/metrics";
    private static final String BEARER = "Bearer ";

    private final FloeMetrics metrics;
    private final AuthFilter auth;
    private final Logins logins;

    public MetricsRoute(FloeMetrics metrics, AuthFilter auth, Logins logins) {
        this.metrics = metrics;
        this.auth = auth;
        this.logins = logins;
    }

    public void register(Javalin app) {
        app.get(PATH, this::scrape);
    }

    private void scrape(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            // a bearer token given is the only credential considered, as with X-Floe-Auth
            String token = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? authorization.substring(BEARER.length()).trim() : "";
            AuthOutcome o = logins.checkAdminToken(ctx.ip(), token); // throttled as every admin token check
            if (o.result() == AuthOutcome.Result.THROTTLED) {
                throw AuthFilter.throttled(ctx, o);
            }
            if (o.result() != AuthOutcome.Result.OK) {
                throw new ApiException(401, "invalid bearer token: /metrics takes the host's admin token");
            }
        } else {
            auth.authenticate(ctx);
        }
        ctx.contentType(PrometheusText.CONTENT_TYPE);
        ctx.result(metrics.scrape());
    }
}
