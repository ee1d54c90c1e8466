package io.floe.standalone.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.standalone.api.Api;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser writes (the session cookie) are accepted from this host's own pages and refused from any other site, by the
 * browser's {@code Origin} and {@code Sec-Fetch-Site} headers: the original's dashboard, which sends no CSRF token,
 * can trigger and answer forms again. A request with neither header nor the token is refused; the
 * {@code X-Floe-Csrf} token still works for clients that send it.
 */
class CookieWritesTest {
    private static final String START = "{\"Ref\":{\"ID\":\"deploy\"},\"Form\":{\"ID\":\"start\","
            + "\"Values\":{\"who\":\"ann\"}}}";

    @TempDir
    Path dir;
    private SecureHost h;
    private SecureHost.Login ann;

    @BeforeEach
    void start() throws Exception {
        h = SecureHost.start(dir, "ann:user");
        ann = h.login("ann");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aWriteFromThisHostsOwnPageNeedsNoToken() {
        Api.Answer byOrigin = h.api.post("/push/data", START, "Cookie", ann.cookie(), "Origin", h.api.url);
        assertThat(byOrigin.status()).as(byOrigin.body()).isEqualTo(200);
        Api.Answer byFetchSite = h.api.post("/push/data", START, "Cookie", ann.cookie(), "Sec-Fetch-Site",
                "same-origin");
        assertThat(byFetchSite.status()).as(byFetchSite.body()).isEqualTo(200);
        // the original dashboard's cancel and logout, too
        String run = byOrigin.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
        assertThat(h.api.post("/flows/deploy/runs/" + run + "/cancel", "", "Cookie", ann.cookie(), "Origin",
                h.api.url, "Sec-Fetch-Site", "same-origin").status()).isEqualTo(200);
    }

    @Test
    void aWriteFromAnotherSiteIsRefused() {
        String run = h.trigger();
        for (String[] from : new String[][] {{"Origin", "http://evil.example"}, {"Origin", "null"},
                {"Origin", h.api.url.replace("127.0.0.1", "localhost")}, {"Sec-Fetch-Site", "cross-site"},
                {"Sec-Fetch-Site", "same-site"}}) {
            Api.Answer a = h.api.post("/push/data", START, "Cookie", ann.cookie(), from[0], from[1]);
            assertThat(a.status()).as(from[1] + ": " + a.body()).isEqualTo(403);
            assertThat(a.message()).startsWith("write refused: the request came from");
            assertThat(h.api.post("/flows/deploy/runs/" + run + "/cancel", "", "Cookie", ann.cookie(), from[0],
                    from[1]).status()).isEqualTo(403);
        }
        // a page can not hide where it is: Sec-Fetch-Site outranks a same-origin Origin
        assertThat(h.api.post("/push/data", START, "Cookie", ann.cookie(), "Origin", h.api.url, "Sec-Fetch-Site",
                "cross-site").status()).isEqualTo(403);
        assertThat(h.status(run)).isEqualTo("running");
        assertThat(h.api.get("/flows/deploy", Api.admin()).payload().getAsJsonObject().getAsJsonObject("Runs")
                .getAsJsonArray("Active")).hasSize(1);
    }

    @Test
    void aWriteThatSaysNothingOfWhereItCameFromIsRefused() {
        Api.Answer a = h.api.post("/push/data", START, "Cookie", ann.cookie());
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.message()).isEqualTo("write refused: the request says neither where it came from (Origin, "
                + "Sec-Fetch-Site) nor the session's X-Floe-Csrf token. Browser sessions may write from this host's "
                + "own pages; scripts send X-Floe-Auth or the X-Floe-Csrf token");
    }

    @Test
    void theCsrfTokenStillWorksAndAWrongOneIsRefused() {
        assertThat(h.api.post("/push/data", START, "Cookie", ann.cookie(), "X-Floe-Csrf", ann.csrf()).status())
                .isEqualTo(200);
        assertThat(h.api.post("/push/data", START, "Cookie", ann.cookie(), "X-Floe-Csrf", "a-guess", "Origin",
                h.api.url).status()).isEqualTo(403);
        // a session in X-Floe-Auth is no ambient credential: a page of another site can not send it
        assertThat(h.api.post("/push/data", START, "X-Floe-Auth", ann.token(), "Origin", "http://evil.example")
                .status()).isEqualTo(200);
    }
}
