package io.floe.standalone.metrics;

import io.floe.standalone.auth.Role;
import io.floe.standalone.server.RouteTable;

/**
 * {@code GET /metrics} for Prometheus: counts only, for viewers and above. Prometheus sends the admin token as
 * {@code Authorization: Bearer <token>} (its {@code authorization: {credentials: …}}), which the API accepts like
 * {@code X-Floe-Auth}.
 */
public final class MetricsRoute {
    public static final String PATH = "/metrics";

    private final FloeMetrics metrics;

    public MetricsRoute(FloeMetrics metrics) {
        this.metrics = metrics;
    }

    public void register(RouteTable routes) {
        routes.get(PATH, Role.VIEWER, ctx -> {
            ctx.contentType(PrometheusText.CONTENT_TYPE);
            ctx.result(metrics.scrape());
        });
    }
}
