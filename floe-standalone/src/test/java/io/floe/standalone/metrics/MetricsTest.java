package io.floe.standalone.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.testflows.TestFlows;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of a real host, read as Prometheus reads it. */
class MetricsTest {
    @TempDir
    Path dir;
    private RunningHost h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void afterAGoodRunAndABadOneTheCountsAreRightAndTheTextParses() throws Exception {
        h = RunningHost.start(TestFlows.text("web-events.yml"), dir);
        Api api = h.api;
        trigger(api, "web-echo");
        trigger(api, "web-fail");
        Await.until(() -> scrape(api).value("floe_runs_ended_total", Map.of("result", "bad")) == 1
                && scrape(api).value("floe_runs_ended_total", Map.of("result", "good")) == 1);

        Api.Answer answer = api.raw("GET", "/metrics", null, "Authorization", "Bearer " + RunningHost.ADMIN);
        assertThat(answer.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        PrometheusParser m = PrometheusParser.parse(answer.body());
        assertThat(m.value("floe_runs_started_total")).isEqualTo(2);
        assertThat(m.value("floe_runs_ended_total", Map.of("result", "cancelled"))).isZero(); // not counted as bad
        assertThat(m.value("floe_runs_pending")).isZero();
        assertThat(m.value("floe_runs_active")).isZero();
        assertThat(m.value("floe_websocket_clients")).isZero();
        // each run: inbound, add-pend, activate, trigger.good, remove-pend, node start, lines, result, end
        assertThat(m.value("floe_events_routed_total")).isGreaterThanOrEqualTo(18);
        assertThat(m.types).containsEntry("floe_runs_started_total", "counter")
                .containsEntry("floe_runs_ended_total", "counter").containsEntry("floe_runs_active", "gauge")
                .containsEntry("floe_task_duration_seconds", "histogram");
        assertThat(m.helps.get("floe_runs_ended_total")).isNotBlank();

        // two exec tasks ran: the histogram counts both, its buckets only grow, and +Inf is the count
        assertThat(m.value("floe_task_duration_seconds_count", Map.of("type", "exec"))).isEqualTo(2);
        assertThat(m.value("floe_task_duration_seconds_sum", Map.of("type", "exec"))).isPositive();
        List<PrometheusParser.Sample> buckets = m.named("floe_task_duration_seconds_bucket");
        double previous = 0;
        for (PrometheusParser.Sample b : buckets) {
            assertThat(b.value()).isGreaterThanOrEqualTo(previous);
            previous = b.value();
        }
        assertThat(buckets.get(buckets.size() - 1).labels()).containsEntry("le", "+Inf");
        assertThat(previous).isEqualTo(2);
    }

    @Test
    void metricsNeedTheAdminTokenOrASession() throws Exception {
        h = RunningHost.start(TestFlows.text("web-events.yml"), dir);
        Api api = h.api;
        assertThat(api.raw("GET", "/metrics", null).status()).isEqualTo(401);
        assertThat(api.raw("GET", "/metrics", null, "Authorization", "Bearer wrong").status()).isEqualTo(401);
        assertThat(api.raw("GET", "/metrics", null, "Authorization", "Basic " + RunningHost.ADMIN).status())
                .isEqualTo(401);
        assertThat(api.raw("GET", "/metrics", null, Api.admin()).status()).isEqualTo(200);
        Api.Answer login = api.post("/login", "{\"user\":\"admin\",\"password\":\"" + RunningHost.ADMIN + "\"}");
        String cookie = login.header("Set-Cookie");
        assertThat(api.raw("GET", "/metrics", null, "Cookie", cookie.substring(0, cookie.indexOf(';'))).status())
                .isEqualTo(200);
    }

    @Test
    void helpTextAndLabelValuesAreEscaped() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("type", "say \"hi\"\\now\nplease");
        String text = new PrometheusText().family("floe_x_total", "counter", "a \\ help\nwith two lines")
                .sample("floe_x_total", labels, 3).sample("floe_x_total", Map.of("type", "b"), 0.25).text();
        assertThat(text).contains("# HELP floe_x_total a \\\\ help\\nwith two lines\n")
                .contains("floe_x_total{type=\"say \\\"hi\\\"\\\\now\\nplease\"} 3\n");
        PrometheusParser p = PrometheusParser.parse(text);
        assertThat(p.value("floe_x_total", labels)).isEqualTo(3);
        assertThat(p.value("floe_x_total", Map.of("type", "b"))).isEqualTo(0.25);
        assertThat(p.helps.get("floe_x_total")).isEqualTo("a \\ help\nwith two lines");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.number(1e-4)).isEqualTo("1.0e-4");
    }

    private static PrometheusParser scrape(Api api) {
        Api.Answer a = api.raw("GET", "/metrics", null, "Authorization", "Bearer " + RunningHost.ADMIN);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return PrometheusParser.parse(a.body());
    }

    private static void trigger(Api api, String flow) {
        Api.Answer a = api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"start\"}}",
                Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
    }
}
