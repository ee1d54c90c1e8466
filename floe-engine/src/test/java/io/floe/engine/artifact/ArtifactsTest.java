package io.floe.engine.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.config.ByteSizes;
import io.floe.engine.config.CodeOptions;
import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.event.HostedRef;
import io.floe.engine.hub.TestHost;
import io.floe.engine.node.Durations;
import io.floe.engine.spi.NodeTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's {@code artifacts} globs keep files of its folder with the run, also when the task failed; nothing outside
 * the workspace is ever kept (a glob that climbs out is a config error, a link out is left out and said); a run keeps
 * at most {@code artifacts-max-size} and says in the task's log and the run's notes what it left out; and
 * {@code artifacts-keep} removes old runs' artifacts, by the host's clock.
 */
class ArtifactsTest {
    @TempDir
    Path dir;

    private static String flow(String common, String shell, String artifacts) {
        return """
                common:
                %s
                flows:
                  - id: build
                    ver: 1
                    triggers: [{name: start, type: data}]
                    tasks:
                      - name: make
                        listen: trigger.good
                        type: exec
                        opts: {sub-dir: src, shell: "%s", artifacts: %s}
                      - {name: done, listen: task.make.good, type: end}
                      - {name: failed, listen: task.make.bad, type: end}
                """.formatted(common, shell, artifacts);
    }

    private static final String NO_COMMON = "  base-url: /build/api";

    @Test
    void aRunKeepsTheMatchingFilesOfItsTaskFolderAndListsThem() throws Exception {
        String shell = "mkdir -p out/sub && printf report > out/report.xml && printf abc > out/sub/a.txt"
                + " && printf no > other.txt";
        try (TestHost host = TestHost.start(flow(NO_COMMON, shell, "[out]"), dir.resolve("host"))) {
            HostedRef run = host.trigger("build");
            assertThat(host.events.awaitEnd(run).good()).isTrue();

            RunArtifacts kept = host.floe.artifacts().list("build", run);
            assertThat(kept.files()).containsExactly(new Artifact("make", "out/report.xml", 6),
                    new Artifact("make", "out/sub/a.txt", 3));
            assertThat(kept.notes()).isEmpty();
            Path file = host.floe.artifacts().file("build", run, "make", "out/sub/a.txt").orElseThrow();
            assertThat(Files.readString(file)).isEqualTo("abc");
            assertThat(file).startsWith(dir.resolve("host").resolve("artifacts").resolve("build").resolve("h1-1"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(String.join("\n", host.floe.log(run, "make", 0, 100)))
                    .contains("artifacts: kept 2 files (9 B) of task make");
        }
    }

    @Test
    void aFailedTasksFilesAreKeptToo() throws Exception {
        String shell = "mkdir -p reports && printf failing > reports/TEST-a.xml && exit 1";
        try (TestHost host = TestHost.start(flow(NO_COMMON, shell, "['reports/*.xml']"), dir.resolve("host"))) {
            HostedRef run = host.trigger("build");
            host.events.awaitEnd(run);

            assertThat(host.floe.artifacts().list("build", run).files())
                    .containsExactly(new Artifact("make", "reports/TEST-a.xml", 7));
        }
    }

    @Test
    void aLinkOutOfTheWorkspaceIsNotKeptAndSaysSo() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        String shell = "ln -s /etc/passwd passwd.txt && ln -s " + outside + " linked && printf ok > ok.txt";
        try (TestHost host = TestHost.start(flow(NO_COMMON, shell, "['*.txt', 'linked/**', linked]"),
                dir.resolve("host"))) {
            HostedRef run = host.trigger("build");
            assertThat(host.events.awaitEnd(run).good()).isTrue();

            RunArtifacts kept = host.floe.artifacts().list("build", run);
            assertThat(kept.files()).containsExactly(new Artifact("make", "ok.txt", 2));
            assertThat(kept.notes()).extracting(ArtifactNote::message).anySatisfy(m -> assertThat(m)
                    .startsWith("artifact passwd.txt not kept: it is a symbolic link to /etc/passwd, outside the "
                            + "workspace "));
            assertThat(String.join("\n", host.floe.log(run, "make", 0, 100)))
                    .contains("artifact passwd.txt not kept: it is a symbolic link to /etc/passwd");
        }
    }

    @Test
    void aGlobThatClimbsOutOrIsAbsoluteIsAConfigError() {
        for (String glob : List.of("'../*.txt'", "'/etc/passwd'", "[ok.txt, 'a/../../b']")) {
            assertThatThrownBy(() -> ConfigLoader.parse(flow(NO_COMMON, "true", glob), "test.yml", dir,
                    NodeTypes.discover()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("artifacts glob")
                    .hasMessageContaining("test.yml:");
        }
    }

    @Test
    void eventValuesCanNotSetWhichFilesAreKept() {
        Map<String, Object> opts = CodeOptions.taskOpts(Map.of("artifacts", List.of("**")), Map.of(),
                Map.of("shell", "true"));
        assertThat(opts).doesNotContainKey("artifacts");
    }

    @Test
    void filesOverTheRunsLimitAreNotKeptAndTheLogAndRunSaySo() throws Exception {
        String shell = "head -c 600 /dev/zero > a.bin && head -c 700 /dev/zero > b.bin && head -c 10 /dev/zero > c.bin";
        try (TestHost host = TestHost.start(flow("  artifacts-max-size: 1KB", shell, "['*.bin']"),
                dir.resolve("host"))) {
            HostedRef run = host.trigger("build");
            assertThat(host.events.awaitEnd(run).good()).isTrue();

            RunArtifacts kept = host.floe.artifacts().list("build", run);
            assertThat(kept.files()).containsExactly(new Artifact("make", "a.bin", 600));
            String expected = "artifacts of task make over the limit: 2 files (710 B) not kept, since the run would "
                    + "keep 1.3 KB, over its limit of 1.0 KB (common.artifacts-max-size); kept before the limit: "
                    + "1 file (600 B); not kept: b.bin (700 B), c.bin (10 B)";
            assertThat(kept.notes()).containsExactly(new ArtifactNote("make", expected));
            assertThat(host.floe.log(run, "make", 0, 100)).contains(expected);
        }
    }

    @Test
    void artifactsKeepRemovesOldRunsArtifactsByTheHostsClock() throws Exception {
        SetClock clock = new SetClock(Instant.parse("2026-01-01T00:00:00Z"));
        String yaml = flow("  artifacts-keep: 2d", "printf x > a.txt", "['*.txt']");
        try (TestHost host = TestHost.start(yaml, dir.resolve("host"), b -> b.clock(clock))) {
            HostedRef first = host.trigger("build");
            host.events.awaitEnd(first);
            assertThat(host.floe.artifacts().list("build", first).files()).hasSize(1);

            clock.now = clock.now.plus(Duration.ofDays(1));
            HostedRef second = host.trigger("build");
            host.events.awaitEnd(second);
            assertThat(host.floe.artifacts().list("build", first).files()).hasSize(1);

            clock.now = clock.now.plus(Duration.ofDays(1));
            HostedRef third = host.trigger("build");
            host.events.awaitEnd(third);
            assertThat(host.floe.artifacts().list("build", first)).isEqualTo(RunArtifacts.NONE);
            assertThat(host.floe.artifacts().list("build", second).files()).hasSize(1);
            assertThat(host.floe.artifacts().list("build", third).files()).hasSize(1);
        }
    }

    @Test
    void sizesAndDaysParse() {
        assertThat(ByteSizes.parse("100MB")).contains(100L << 20);
        assertThat(ByteSizes.parse("1.5kb")).contains(1536L);
        assertThat(ByteSizes.parse("42")).contains(42L);
        assertThat(ByteSizes.parse("lots")).isEmpty();
        assertThat(Durations.parse("30d")).contains(Duration.ofDays(30));
    }

    @Test
    void aPathThatIsNotAsListedIsRefusedAndNothingOutsideIsServed() throws Exception {
        ArtifactStore store = new ArtifactStore(dir);
        HostedRef run = new HostedRef("h1", 1);
        for (String bad : List.of("../x", "a/../../x", "/etc/passwd", "a//b", "./a", "", "a\\b")) {
            assertThatThrownBy(() -> store.file("build", run, "make", bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.file("build", run, "make", "missing.txt")).isEmpty();
        assertThatThrownBy(() -> store.file("build", run, "..", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock a test moves by hand. */
    private static final class SetClock extends Clock {
        volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
