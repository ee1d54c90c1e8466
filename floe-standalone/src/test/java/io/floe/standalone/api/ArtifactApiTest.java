package io.floe.standalone.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunStatus;
import io.floe.engine.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's artifacts over the API: listed with node, path and size (and the notes on what was left out), downloaded
 * byte for byte as an attachment that a browser will not render, never a file outside the run's artifacts.
 */
class ArtifactApiTest {
    private static final String FLOWS = """
            common:
              artifacts-max-size: 2KB
            flows:
              - id: build
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - name: make
                    listen: trigger.good
                    type: exec
                    opts:
                      shell: |
                        mkdir -p out/site
                        printf '<script>alert(1)</script>' > out/site/index.html
                        head -c 256 /dev/urandom > out/data.bin
                        head -c 4096 /dev/zero > out/web.img
                        exit 3
                      artifacts: [out]
                  - {name: end, listen: task.make.bad, type: end}
            """;

    @TempDir
    Path dir;
    private RunningHost h;
    private String run;

    @BeforeEach
    void start() throws Exception {
        h = RunningHost.start(FLOWS, dir);
        Api.Answer a = h.api.post("/push/data", "{\"Ref\":{\"ID\":\"build\"},\"Form\":{\"ID\":\"go\"}}", Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        run = a.payload().getAsJsonObject().getAsJsonArray("Runs").get(0).getAsString();
        HostedRef ref = HostedRef.parse(run).orElseThrow();
        Await.until(() -> h.host.floe().run(ref).map(r -> r.record().status() == RunStatus.ARCHIVED).orElse(false));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void theListGivesEachKeptFileAndWhatWasLeftOut() {
        Api.Answer a = h.api.get("/flows/build/runs/" + run + "/artifacts", Api.admin());
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonObject payload = a.payload().getAsJsonObject();
        assertThat(payload.getAsJsonArray("Files").toString()).isEqualTo("[{\"Node\":\"make\","
                + "\"Path\":\"out/data.bin\",\"Size\":256},{\"Node\":\"make\",\"Path\":\"out/site/index.html\","
                + "\"Size\":25}]");
        assertThat(payload.getAsJsonArray("Notes").get(0).getAsJsonObject().get("Message").getAsString())
                .startsWith("artifacts of task make over the limit: 1 file (4.0 KB) not kept")
                .contains("over its limit of 2.0 KB (common.artifacts-max-size)", "not kept: out/web.img (4.0 KB)");
    }

    @Test
    void aDownloadIsTheFileByteForByteAsAnAttachmentNeverRendered() throws Exception {
        HttpResponse<byte[]> bin = download("/artifacts/make/out/data.bin");
        assertThat(bin.statusCode()).isEqualTo(200);
        Path kept = h.host.floe().artifacts().file("build", HostedRef.parse(run).orElseThrow(), "make",
                "out/data.bin").orElseThrow();
        assertThat(bin.body()).hasSize(256).isEqualTo(Files.readAllBytes(kept));

        HttpResponse<byte[]> html = download("/artifacts/make/out/site/index.html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(new String(html.body())).isEqualTo("<script>alert(1)</script>");
        assertThat(html.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(html.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"index.html\"");
        assertThat(html.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void aPathThatLeavesTheRunsArtifactsIsRefusedAndNothingOutsideIsSent() throws Exception {
        Files.writeString(dir.resolve("hi1-root").resolve("outside.txt"), "must not be served");
        for (String path : List.of("/artifacts/make/..%2F..%2F..%2F..%2Foutside.txt",
                "/artifacts/make/out/..%2F..%2F..%2F..%2F..%2Foutside.txt", "/artifacts/..%2F..%2Fmake/out/data.bin",
                "/artifacts/make/%2Fetc%2Fpasswd", "/artifacts/make/out//data.bin", "/artifacts/make/missing.txt",
                "/artifacts/make/out/site", "/artifacts/other/out/data.bin")) {
            HttpResponse<byte[]> a = download(path);
            assertThat(a.statusCode()).as(path).isIn(400, 404);
            assertThat(new String(a.body())).as(path).doesNotContain("must not be served", "root:");
        }
        assertThat(h.api.get("/flows/other/runs/" + run + "/artifacts", Api.admin()).status()).isEqualTo(404);
    }

    @Test
    void nobodyWithoutACredentialGetsTheListOrAFile() throws Exception {
        assertThat(h.api.get("/flows/build/runs/" + run + "/artifacts").status()).isEqualTo(401);
        HttpResponse<byte[]> a = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(h.api.url
                + h.api.base + "/flows/build/runs/" + run + "/artifacts/make/out/data.bin")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(a.statusCode()).isEqualTo(401);
    }

    private HttpResponse<byte[]> download(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(h.api.url + h.api.base
                + "/flows/build/runs/" + run + path)).header("X-Floe-Auth", RunningHost.ADMIN)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
