package io.floe.standalone.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer carries the security headers, whoever writes it: a route, a 404, Jetty's own refusal of a request it
 * can not read, and the websocket's refused upgrade. API answers are never stored by a cache.
 */
class HeadersTest {
    private static final String CSP_START = "default-src 'self'";

    @TempDir
    Path dir;

    @Test
    void apiAnswersAndErrorsCarryTheSecurityHeaders() throws Exception {
        try (SecureHost h = SecureHost.start(dir, "ann:user")) {
            for (Api.Answer a : new Api.Answer[] {h.api.get("/flows", Api.admin()), h.api.get("/flows"),
                    h.api.get("/no-such-route", Api.admin()), h.api.raw("GET", "/health", null)}) {
                assertThat(a.header("Content-Security-Policy")).as(a.body()).startsWith(CSP_START);
                assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(a.header("Cache-Control")).isEqualTo("no-store");
                assertThat(a.header("Strict-Transport-Security")).as("no HSTS over plain http").isNull();
            }
            Api.Answer page = h.api.raw("GET", "/app/dash", null);
            assertThat(page.header("Content-Security-Policy")).startsWith(CSP_START);
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void jettysOwnRefusalCarriesThemToo() throws Exception {
        try (SecureHost h = SecureHost.start(dir, "ann:user")) {
            URI u = URI.create(h.api.url);
            String answer;
            try (Socket s = new Socket(u.getHost(), u.getPort())) {
                OutputStream out = s.getOutputStream();
                out.write(("GET /build/api/flows/a%00b HTTP/1.1\r\nHost: " + u.getAuthority()
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"Message\"")
                    .containsIgnoringCase("Content-Security-Policy: " + CSP_START)
                    .containsIgnoringCase("X-Content-Type-Options: nosniff")
                    .containsIgnoringCase("Cache-Control: no-store");
        }
    }

    @Test
    void aRefusedWebsocketUpgradeCarriesThem() throws Exception {
        try (SecureHost h = SecureHost.start(dir, "ann:user")) {
            String ws = "ws" + h.api.url.substring("http".length()) + "/ws";
            for (String[] headers : new String[][] {{"Origin", "http://evil.example", "X-Floe-Auth", RunningHost.ADMIN},
                    {"Origin", h.api.url}}) {
                WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
                for (int i = 0; i < headers.length; i += 2) {
                    b.header(headers[i], headers[i + 1]);
                }
                try {
                    b.buildAsync(URI.create(ws), new WebSocket.Listener() { }).get(20, TimeUnit.SECONDS).abort();
                    throw new AssertionError("the upgrade was accepted");
                } catch (ExecutionException e) {
                    WebSocketHandshakeException hs = (WebSocketHandshakeException) e.getCause();
                    assertThat(hs.getResponse().statusCode()).isIn(401, 403);
                    HttpHeaders got = hs.getResponse().headers();
                    assertThat(got.firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                            assertThat(v).startsWith(CSP_START));
                    assertThat(got.firstValue("X-Content-Type-Options")).hasValue("nosniff");
                    assertThat(got.firstValue("Cache-Control")).hasValue("no-store");
                }
            }
        }
    }
}
