package io.floe.standalone.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.config.SecretValues;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.server.RouteTable.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for secrets on every route that shows a run: values typed into password fields (of a trigger's form and a
 * data node's) are shown masked, to whoever asks — even with the admin token, on the host-to-host routes. The routes
 * are taken from the route table (every GET that names a flow), so a route added later is checked too.
 */
class SecretsOnEveryRunRouteTest {
    @TempDir
    Path dir;

    @Test
    void noRouteThatShowsARunShowsItsSecrets() throws Exception {
        try (SecureHost h = SecureHost.start(dir, "ada:admin")) {
            String run = h.trigger();
            h.answer(run);
            Await.until(() -> h.status(run).equals("good"));

            List<Route> showing = h.host.host.server().routes().stream()
                    .filter(r -> r.method().equals("GET") && r.path().contains("{id}")).toList();
            assertThat(showing).extracting(Route::path).contains("/build/api/flows/{id}/runs/{rid}",
                    "/build/api/p2p/flows/{id}/runs/{rid}", "/build/api/p2p/flows/{id}/runs/{rid}/view",
                    "/build/api/flows/{id}/runs/{rid}/nodes/{nid}/log");
            for (Route r : showing) {
                for (String node : List.of("ask", "use")) {
                    // an artifact's download: this flow keeps none, so the file is not there (and says nothing more)
                    boolean file = r.path().contains("<path>");
                    String path = r.path().replace("{id}", "deploy").replace("{rid}", run).replace("{nid}", node)
                            .replace("<path>", "report.txt")
                            + (r.path().endsWith("/search") ? "?q=" + SecureHost.DATA_SECRET : "");
                    Api.Answer a = h.api.raw("GET", path, null, Api.admin());
                    assertThat(a.status()).as(path + ": " + a.body()).isEqualTo(file ? 404 : 200);
                    assertThat(a.body()).as(path).doesNotContain(SecureHost.TRIGGER_SECRET, SecureHost.DATA_SECRET);
                }
            }
            // the p2p run record has the data node's values, masked
            assertThat(h.api.get("/p2p/flows/deploy/runs/" + run, Api.admin()).body()).contains(SecretValues.MASK);
            // and the websocket's replay of the run's events
            String ws = "ws" + h.api.url.substring("http".length()) + "/ws?after=0";
            StringBuffer frames = new StringBuffer();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("X-Floe-Auth", RunningHost.ADMIN)
                    .buildAsync(URI.create(ws), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            frames.append(data);
                            w.request(1);
                            return null;
                        }
                    }).get(20, TimeUnit.SECONDS);
            try {
                Await.until(() -> frames.toString().contains("sys.end.all"));
                assertThat(frames.toString()).contains("inbound.data")
                        .doesNotContain(SecureHost.TRIGGER_SECRET, SecureHost.DATA_SECRET);
            } finally {
                socket.abort();
            }
        }
    }
}
