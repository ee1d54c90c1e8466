package io.floe.engine.node.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.config.NodeClass;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.TaskResult;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetch task against a real HTTP server on 127.0.0.1: NT-05 and the cache, resume and failure behaviour. */
class FetchTaskTest {
    static final byte[] KNOWN = "this is a file with known hashes".getBytes(StandardCharsets.UTF_8);
    static final String SHA256 = "864d6473d56d235de9ffb9d404e76f23e4d596ce77eae5b7ce5106f454fa7ee4";
    static final String SHA1 = "bb3357153aa8e2c0b22fef75a7f21969abb7c2b4";
    static final String MD5 = "f35ff35df6efc82e474e97eaf10e7ff6";
    static final String SHA512 = "a415d7449ba48cd8640d2027eda15fac36b5bcde4bc5c36e2e4e6eeb65e6ff6b5d18056d7faf0caf17"
            + "212dd50492062d82c3e83756c52f791b98f3cfbba680a0";

    @TempDir
    Path tmp;
    private FileServer server;
    private FetchHarness harness;
    private Path cache;
    private final FetchTask fetch = new FetchTask(DownloadClient.create(Duration.ofSeconds(5)), Duration.ofSeconds(30));
    private int workspaces;

    @BeforeEach
    void setUp() throws Exception {
        server = new FileServer();
        server.put("/get-file.txt", KNOWN);
        cache = tmp.resolve("store/fetch_cache");
        harness = new FetchHarness(cache);
    }

    @AfterEach
    void tearDown() {
        harness.close();
        server.close();
    }

    private Path newWorkspace() throws Exception {
        return Files.createDirectories(tmp.resolve("ws" + ++workspaces));
    }

    private FetchHarness.Run fetch(Map<String, Object> opts) throws Exception {
        return harness.run(fetch, newWorkspace(), opts);
    }

    private FetchHarness.Run fetch(String path) throws Exception {
        return fetch(Map.of("url", server.url(path)));
    }

    /** The cache file a run reported with {@code Download saved to}. */
    private static Path savedTo(FetchHarness.Run run) {
        return run.lines().stream().filter(l -> l.startsWith("Download saved to "))
                .map(l -> Path.of(l.substring("Download saved to ".length()))).findFirst().orElseThrow();
    }

    private static TaskResult result(FetchHarness.Run run) throws Exception {
        return run.await();
    }

    // --- NT-05 ---

    @Test
    void nt05aWithoutChecksumDownloadsWarnsAndLinks() throws Exception {
        FetchHarness.Run run = fetch("/get-file.txt");

        assertThat(result(run).status()).isZero();
        assertThat(result(run).failedToExecute()).isFalse();
        Path target = run.workspace.root().resolve("get-file.txt");
        assertThat(run.lines()).containsSubsequence(
                "(N.B. fetch without a checksum can not be trusted)",
                "Downloading " + server.url("/get-file.txt") + "...",
                "  200 OK",
                "Download linked to " + target);
        assertThat(run.output()).contains("32 / 32 bytes (100.00%) in ");
        assertThat(Files.readAllBytes(target)).isEqualTo(KNOWN);
    }

    @Test
    void nt05bSha256InSha256sumFormIsAccepted() throws Exception {
        FetchHarness.Run run = fetch(Map.of("url", server.url("/get-file.txt"),
                "checksum", SHA256 + " get-file.txt", "checksum-algo", "sha256"));

        assertThat(result(run).status()).isZero();
        assertThat(run.output()).doesNotContain("N.B.").contains("(100.00%)", "Download linked to");
    }

    @Test
    void nt05cdSha1Md5AndSha512AreChecked() throws Exception {
        for (String[] c : new String[][] {{"sha1", SHA1}, {"md5", MD5}, {"sha512", SHA512}}) {
            // each case with a fresh cache, as NT-05 has it
            try (FetchHarness own = new FetchHarness(tmp.resolve("cache-" + c[0]))) {
                FetchHarness.Run run = own.run(fetch, newWorkspace(), Map.of("url", server.url("/get-file.txt"),
                        "checksum", c[1], "checksum-algo", c[0]));
                assertThat(result(run).status()).as(c[0]).isZero();
                assertThat(run.lines()).as(c[0]).contains("  200 OK");
                assertThat(Files.readAllBytes(run.workspace.root().resolve("get-file.txt"))).isEqualTo(KNOWN);
            }
        }
    }

    @Test
    void checksumWithoutAlgoIsSha256() throws Exception {
        FetchHarness.Run run = fetch(Map.of("url", server.url("/get-file.txt"), "checksum", SHA256));
        assertThat(result(run).status()).isZero();
    }

    @Test
    void nt05eChecksumThatIsNotHexIsAnErrorBeforeAnyDownload() throws Exception {
        FetchHarness.Run run = fetch(Map.of("url", server.url("/get-file.txt"), "checksum", "load-of bollox",
                "checksum-algo", "sha256"));

        assertThat(result(run).failedToExecute()).isTrue();
        assertThat(result(run).status()).isEqualTo(255);
        assertThat(run.lines()).contains("Error decoding hex checksum: load-of bollox");
        assertThat(run.output()).contains("Error", "hex", "checksum");
        assertThat(server.requests()).isZero();
    }

    @Test
    void nt05fMissingFileIs404AndAnError() throws Exception {
        FetchHarness.Run run = fetch("/wont_be_found");

        assertThat(result(run).failedToExecute()).isTrue();
        assertThat(run.lines()).containsSubsequence("  404 Not Found",
                "Download failed: server returned a non-2XX status code");
        assertThat(run.output()).contains("404", "Not Found");
        assertThat(result(run).error()).contains("server returned a non-2XX status code");
        assertThat(run.workspace.root().resolve("wont_be_found")).doesNotExist();
    }

    @Test
    void nt05gLargeFileWithKnownSha256() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024 + 123];
        new Random(42).nextBytes(big);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big));
        server.put("/go.src.tar.gz", big);

        FetchHarness.Run run = fetch(Map.of("url", server.url("/go.src.tar.gz"), "checksum", sha));

        assertThat(result(run).status()).isZero();
        assertThat(run.output()).contains(big.length + " / " + big.length + " bytes (100.00%) in ");
        assertThat(Files.readAllBytes(run.workspace.root().resolve("go.src.tar.gz"))).isEqualTo(big);
    }

    // --- checksums ---

    @Test
    void checksumMismatchFailsNamingBothAndDropsTheCachedCopy() throws Exception {
        String wrong = "0".repeat(64);
        FetchHarness.Run run = fetch(Map.of("url", server.url("/get-file.txt"), "checksum", wrong));

        assertThat(result(run).failedToExecute()).isTrue();
        assertThat(result(run).error()).contains(wrong, SHA256);
        assertThat(run.output()).contains("Download failed: checksum mismatch");
        assertThat(run.workspace.root().resolve("get-file.txt")).doesNotExist();
        assertThat(cache.resolve(FetchCache.key(server.url("/get-file.txt")))).doesNotExist();

        FetchHarness.Run again = fetch(Map.of("url", server.url("/get-file.txt"), "checksum", SHA256));
        assertThat(result(again).status()).isZero();
        assertThat(again.lines()).contains("  200 OK");
    }

    @Test
    void unknownAlgorithmIsAnErrorNamingItAndTheKnownOnes() throws Exception {
        FetchHarness.Run run = fetch(Map.of("url", server.url("/get-file.txt"), "checksum", SHA256,
                "checksum-algo", "crc32"));

        assertThat(result(run).failedToExecute()).isTrue();
        assertThat(result(run).error()).contains("crc32", "sha256, sha1, md5, sha512");
        assertThat(server.requests()).isZero();
    }

    @Test
    void aChecksumThatMatchesTheCachedCopyNeedsNoRequest() throws Exception {
        Map<String, Object> opts = Map.of("url", server.url("/get-file.txt"), "checksum", SHA256);
        assertThat(result(fetch(opts)).status()).isZero();
        int before = server.requests();

        FetchHarness.Run again = fetch(opts);

        assertThat(result(again).status()).isZero();
        assertThat(server.requests()).isEqualTo(before);
        assertThat(again.output()).contains("not downloaded again");
        assertThat(Files.readAllBytes(again.workspace.root().resolve("get-file.txt"))).isEqualTo(KNOWN);
    }

    // --- revalidation ---

    @Test
    void etagRevalidationGets304AndNoBody() throws Exception {
        FileServer.Served file = server.put("/tagged.txt", KNOWN).etag("\"v1\"");
        assertThat(result(fetch("/tagged.txt")).status()).isZero();
        assertThat(file.bodyBytes.get()).isEqualTo(KNOWN.length);

        FetchHarness.Run again = fetch("/tagged.txt");

        assertThat(result(again).status()).isZero();
        assertThat(file.lastRequest().getFirst("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(file.codes).containsExactly(200, 304);
        assertThat(file.bodyBytes.get()).isEqualTo(KNOWN.length);
        assertThat(again.lines()).contains("  304 Not Modified");
        assertThat(Files.readAllBytes(again.workspace.root().resolve("tagged.txt"))).isEqualTo(KNOWN);
    }

    @Test
    void lastModifiedRevalidationGets304() throws Exception {
        String when = "Wed, 21 Oct 2015 07:28:00 GMT";
        FileServer.Served file = server.put("/dated.txt", KNOWN).lastModified(when);
        assertThat(result(fetch("/dated.txt")).status()).isZero();

        FetchHarness.Run again = fetch("/dated.txt");

        assertThat(result(again).status()).isZero();
        assertThat(file.lastRequest().getFirst("If-Modified-Since")).isEqualTo(when);
        assertThat(file.codes).containsExactly(200, 304);
        assertThat(file.bodyBytes.get()).isEqualTo(KNOWN.length);
        assertThat(Files.readAllBytes(again.workspace.root().resolve("dated.txt"))).isEqualTo(KNOWN);
    }

    @Test
    void aChangedFileWithANewEtagIsDownloadedAgainAndOldWorkspacesKeepTheirCopy() throws Exception {
        byte[] v2 = "the second version, of the same size".getBytes(StandardCharsets.UTF_8);
        FileServer.Served file = server.put("/changing.txt", KNOWN).etag("\"v1\"");
        FetchHarness.Run first = fetch("/changing.txt");
        assertThat(result(first).status()).isZero();
        file.body = v2;
        file.etag = "\"v2\"";

        FetchHarness.Run second = fetch("/changing.txt");

        assertThat(result(second).status()).isZero();
        assertThat(file.codes).containsExactly(200, 200);
        assertThat(Files.readAllBytes(second.workspace.root().resolve("changing.txt"))).isEqualTo(v2);
        assertThat(Files.readAllBytes(first.workspace.root().resolve("changing.txt"))).isEqualTo(KNOWN);
    }

    @Test
    void twoUrlsEndingInTheSameNameDoNotShareACachedCopy() throws Exception {
        byte[] other = "another file, same name".getBytes(StandardCharsets.UTF_8);
        server.put("/a/file.txt", KNOWN);
        server.put("/b/file.txt", other);

        FetchHarness.Run a = fetch("/a/file.txt");
        FetchHarness.Run b = fetch("/b/file.txt");

        assertThat(Files.readAllBytes(a.workspace.root().resolve("file.txt"))).isEqualTo(KNOWN);
        assertThat(Files.readAllBytes(b.workspace.root().resolve("file.txt"))).isEqualTo(other);
        assertThat(savedTo(a)).isNotEqualTo(savedTo(b));
    }

    // --- resume and failures ---

    @Test
    void aDroppedConnectionIsResumedWithRangeByTheNextFetch() throws Exception {
        byte[] big = new byte[1024 * 1024];
        new Random(7).nextBytes(big);
        int half = big.length / 2;
        FileServer.Served file = server.put("/big.bin", big).etag("\"big-1\"").mode(FileServer.Mode.DROP_HALF_ONCE);

        FetchHarness.Run first = fetch("/big.bin");

        assertThat(result(first).failedToExecute()).isTrue();
        String failed = first.lineMatching(l -> l.startsWith("Download failed: ")).get();
        Matcher got = Pattern.compile("connection lost after (\\d+) of " + big.length + " bytes").matcher(failed);
        assertThat(got.find()).as(failed).isTrue();
        long kept = Long.parseLong(got.group(1));
        // the server sent half; the client may not have handed the last few bytes over before the connection broke
        assertThat(kept).isPositive().isLessThanOrEqualTo(half);
        assertThat(failed).contains("the part is kept and the next fetch resumes it");
        assertThat(first.workspace.root().resolve("big.bin")).doesNotExist();

        FetchHarness.Run second = fetch("/big.bin");

        assertThat(result(second).status()).isZero();
        assertThat(file.lastRequest().getFirst("Range")).isEqualTo("bytes=" + kept + "-");
        assertThat(file.lastRequest().getFirst("If-Range")).isEqualTo("\"big-1\"");
        assertThat(file.codes).containsExactly(200, 206);
        assertThat(file.bodyBytes.get()).isEqualTo(half + big.length - kept);
        assertThat(second.lines()).contains("  206 Partial Content", "  resuming after " + kept + " bytes");
        assertThat(second.output()).contains(big.length + " / " + big.length + " bytes (100.00%)");
        assertThat(Files.readAllBytes(second.workspace.root().resolve("big.bin"))).isEqualTo(big);
    }

    @Test
    void aPartOfAnOlderVersionIsNotResumedButDownloadedWhole() throws Exception {
        byte[] v1 = new byte[100_000];
        new Random(1).nextBytes(v1);
        byte[] v2 = new byte[100_000];
        new Random(2).nextBytes(v2);
        FileServer.Served file = server.put("/v.bin", v1).etag("\"one\"").mode(FileServer.Mode.DROP_HALF_ONCE);
        assertThat(result(fetch("/v.bin")).failedToExecute()).isTrue();
        file.body = v2;
        file.etag = "\"two\"";

        FetchHarness.Run second = fetch("/v.bin");

        assertThat(result(second).status()).isZero();
        assertThat(file.lastRequest().getFirst("If-Range")).isEqualTo("\"one\"");
        assertThat(file.codes).containsExactly(200, 200);
        assertThat(Files.readAllBytes(second.workspace.root().resolve("v.bin"))).isEqualTo(v2);
    }

    @Test
    void connectionRefusedIsACleanTaskError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        FetchHarness.Run run = fetch(Map.of("url", "http://127.0.0.1:" + port + "/file.txt"));

        assertThat(result(run).failedToExecute()).isTrue();
        assertThat(run.output()).contains("Download failed: could not connect to 127.0.0.1:" + port);
        assertThat(result(run).error()).contains("could not connect to 127.0.0.1:" + port);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        server.put("/silent.txt", KNOWN).mode(FileServer.Mode.NEVER_ANSWER);
        FetchTask quick = new FetchTask(DownloadClient.create(Duration.ofSeconds(5)), Duration.ofMillis(500));

        FetchHarness.Run run = harness.run(quick, newWorkspace(), Map.of("url", server.url("/silent.txt")));

        assertThat(result(run).failedToExecute()).isTrue();
        assertThat(run.output()).contains("Download failed: no response from 127.0.0.1:", "within 500ms");
    }

    @Test
    void aBodyThatStallsTimesOutAndKeepsThePart() throws Exception {
        server.put("/stall.bin", new byte[200_000]).etag("\"s\"").mode(FileServer.Mode.STALL_HALF);
        FetchTask quick = new FetchTask(DownloadClient.create(Duration.ofSeconds(5)), Duration.ofMillis(700));

        FetchHarness.Run run = harness.run(quick, newWorkspace(), Map.of("url", server.url("/stall.bin")));

        assertThat(result(run).failedToExecute()).isTrue();
        Matcher m = Pattern.compile("Download failed: no data received for 700ms after (\\d+) of 200000 bytes")
                .matcher(run.output());
        assertThat(m.find()).as(run.output()).isTrue();
        assertThat(cache.resolve(FetchCache.key(server.url("/stall.bin")) + ".part"))
                .hasSize(Long.parseLong(m.group(1)));
    }

    @Test
    void cancellingStopsADownloadPromptly() throws Exception {
        server.put("/stall.bin", new byte[200_000]).mode(FileServer.Mode.STALL_HALF);
        FetchHarness.Run run = harness.start(fetch, newWorkspace(), Map.of("url", server.url("/stall.bin")),
                List.of());
        run.lineMatching(l -> l.equals("  200 OK")).get(30, TimeUnit.SECONDS);

        run.cancellation.cancel("run cancelled by the user");

        TaskResult r = run.result.get(10, TimeUnit.SECONDS);
        assertThat(r.failedToExecute()).isTrue();
        assertThat(run.output()).contains("Download failed: cancelled: run cancelled by the user");
    }

    @Test
    void concurrentFetchesOfOneUrlShareOneDownload() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024];
        new Random(3).nextBytes(big);
        FileServer.Served file = server.put("/shared.bin", big).etag("\"shared\"");
        List<FetchHarness.Run> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(harness.start(fetch, newWorkspace(), Map.of("url", server.url("/shared.bin")), List.of()));
        }

        for (FetchHarness.Run run : runs) {
            assertThat(run.await().status()).as(run.output()).isZero();
            assertThat(Files.readAllBytes(run.workspace.root().resolve("shared.bin"))).isEqualTo(big);
        }
        assertThat(file.codes).hasSize(6).containsOnlyOnce(200);
        assertThat(file.bodyBytes.get()).isEqualTo(big.length);
    }

    // --- where the file goes ---

    @Test
    void locationCases() throws Exception {
        Map<String, String> cases = Map.of(
                "", "get-file.txt",
                "sub/", "sub/get-file.txt",
                "rel/name.txt", "rel/name.txt",
                "{{ws}}/x/y.txt", "x/y.txt",
                "./dot.txt", "dot.txt",
                ".", "get-file.txt",
                "$FLOEWS/env/", "env/get-file.txt");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            FetchHarness.Run run = fetch(Map.of("url", server.url("/get-file.txt"), "location", c.getKey()));
            Path expected = run.workspace.root().resolve(c.getValue());
            assertThat(result(run).status()).as(c.getKey() + ": " + run.output()).isZero();
            assertThat(run.lines()).as(c.getKey()).contains("Download linked to " + expected);
            assertThat(Files.readAllBytes(expected)).isEqualTo(KNOWN);
        }
    }

    @Test
    void aLocationThatClimbsOutIsAnErrorBeforeAnyDownload() throws Exception {
        for (String loc : List.of("../out.txt", "{{ws}}/../../out.txt", "/etc/out.txt")) {
            FetchHarness.Run run = fetch(Map.of("url", server.url("/get-file.txt"), "location", loc));
            assertThat(result(run).failedToExecute()).as(loc).isTrue();
            assertThat(result(run).error()).as(loc).contains("climbs out of the workspace");
        }
        assertThat(server.requests()).isZero();
        assertThat(tmp.resolve("out.txt")).doesNotExist();
    }

    @Test
    void anExistingTargetIsReplaced() throws Exception {
        Path ws = newWorkspace();
        Files.writeString(ws.resolve("get-file.txt"), "old content");

        FetchHarness.Run run = harness.run(fetch, ws, Map.of("url", server.url("/get-file.txt")));

        assertThat(result(run).status()).isZero();
        assertThat(Files.readAllBytes(ws.resolve("get-file.txt"))).isEqualTo(KNOWN);
    }

    @Test
    void theWorkspaceFileIsAHardLinkToTheReadOnlyCachedCopy() throws Exception {
        FetchHarness.Run run = fetch("/get-file.txt");

        Path target = run.workspace.root().resolve("get-file.txt");
        Path cached = savedTo(run);
        assertThat(cached.getParent()).isEqualTo(cache.toAbsolutePath());
        assertThat(Files.isSameFile(target, cached)).isTrue();
        // checked on the mode bits: root may write to any file
        assertThat(Files.getPosixFilePermissions(cached)).doesNotContain(PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    }

    @Test
    void aWorkspaceOnAnotherFileSystemGetsACopy() throws Exception {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(tmp)), "needs /dev/shm on another file system");
        Path ws = Files.createTempDirectory(shm, "floe-fetch-test");
        try {
            FetchHarness.Run run = harness.run(fetch, ws, Map.of("url", server.url("/get-file.txt")));

            assertThat(result(run).status()).isZero();
            Path target = ws.resolve("get-file.txt");
            assertThat(run.output()).contains("Download copied to " + target);
            assertThat(Files.isSameFile(target, savedTo(run))).isFalse();
            assertThat(Files.readAllBytes(target)).isEqualTo(KNOWN);
        } finally {
            try (var files = Files.walk(ws)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theServersFileNameIsUsedWithoutItsPath() throws Exception {
        server.put("/dl", KNOWN).disposition("attachment; filename=\"../../evil.txt\"");

        FetchHarness.Run run = fetch("/dl");

        assertThat(result(run).status()).isZero();
        assertThat(Files.readAllBytes(run.workspace.root().resolve("evil.txt"))).isEqualTo(KNOWN);
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void aUrlWithoutAFileNameSavesAsDownload() throws Exception {
        server.put("/", KNOWN);

        FetchHarness.Run run = fetch("/");

        assertThat(result(run).status()).isZero();
        assertThat(run.workspace.root().resolve("download")).exists();
    }

    // --- opts ---

    @Test
    void aMissingUrlIsTheOriginalsError() throws Exception {
        FetchHarness.Run run = fetch(Map.of());
        assertThat(result(run).error()).isEqualTo("problem getting fetch url option");
    }

    @Test
    void aUrlThatIsNotHttpIsAnError() throws Exception {
        FetchHarness.Run run = fetch(Map.of("url", "ftp://example.com/file.txt"));
        assertThat(result(run).error()).contains("not an http or https URL");
    }

    @Test
    void checkReportsBadOptsWhenTheConfigLoads() {
        assertThat(fetch.check(node(Map.of()))).as("the url may come with the starting event").isEmpty();
        assertThat(fetch.check(node(Map.of("url", "http://h/f", "checksum", "zz")))).singleElement()
                .asString().contains("Error decoding hex checksum: zz");
        assertThat(fetch.check(node(Map.of("url", "http://h/f", "checksum", SHA256, "checksum-algo", "crc"))))
                .singleElement().asString().contains("crc", "sha512");
        assertThat(fetch.check(node(Map.of("url", "http://h/f", "checksum", SHA1)))).singleElement().asString()
                .contains("40 hex digits", "sha256");
        assertThat(fetch.check(node(Map.of("url", "http://h/f", "location", "../x")))).singleElement().asString()
                .contains("climbs out");
        assertThat(fetch.check(node(Map.of("url", "file:///etc/passwd")))).singleElement().asString()
                .contains("not an http or https URL");
        assertThat(fetch.check(node(Map.of("url", "https://h/f", "checksum", MD5, "checksum-algo", "md5",
                "location", "{{ws}}/sub/")))).isEmpty();
    }

    @Test
    void fetchIsFoundByTheServiceLoader() {
        assertThat(NodeTypes.discover().task("fetch")).get().isInstanceOf(FetchTask.class);
    }

    private static NodeConfig node(Map<String, Object> opts) {
        return new NodeConfig(NodeClass.TASK, null, "f", "f", "trigger.good", null, "fetch", null, false, false,
                null, opts, 0);
    }
}
