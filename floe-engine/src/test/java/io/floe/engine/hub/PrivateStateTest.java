package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.engine.Floe;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a host keeps on disk is for its own user only: the local store (with SQLite's -wal and -shm), task logs and
 * the workspaces of runs are 0600 files in 0700 folders, whatever the process's umask.
 */
class PrivateStateTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
    }

    @Test
    void theStoreTaskLogsAndWorkspacesAreReadableByTheHostsUserOnly() throws Exception {
        FloeConfig cfg = ConfigLoader.parse("""
                common:
                  workspace-root: %s
                  store-root: %s
                  store-type: local
                flows:
                  - id: build
                    ver: 1
                    triggers: [{name: start, type: data}]
                    tasks:
                      - {name: make, listen: trigger.good, type: exec, opts: {shell: "echo made > out.txt; echo hi"}}
                      - {name: done, listen: task.make.good, type: end}
                """.formatted(dir.resolve("ws"), dir.resolve("state")), "test.yml", dir, NodeTypes.discover());
        EventRecorder events = new EventRecorder();
        try (Floe floe = Floe.builder(cfg).hostId("h1").build()) {
            floe.observe(events);
            floe.start();
            HostedRef run = floe.trigger("build", "start", Map.of()).join().pends().get(0).id();
            assertThat(events.awaitEnd(run).good()).isTrue();
            assertThat(floe.log(run, "make", 0, 10)).contains("hi");

            Path store = dir.resolve("state/store");
            assertThat(mode(store)).isEqualTo("rwx------");
            for (String f : List.of("floe.db", "floe.db-wal", "floe.db-shm", "floe.lock")) {
                assertThat(mode(store.resolve(f))).as(f).isEqualTo("rw-------");
            }
            try (Stream<Path> logs = Files.walk(store.resolve("logs"))) {
                List<Path> all = logs.toList();
                assertThat(all).anyMatch(Files::isRegularFile);
                for (Path p : all) {
                    assertThat(mode(p)).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
                }
            }
            Path spaces = dir.resolve("ws/spaces");
            assertThat(mode(spaces)).isEqualTo("rwx------");
            try (Stream<Path> ws = Files.walk(spaces)) {
                List<Path> folders = ws.filter(Files::isDirectory).toList();
                assertThat(folders).hasSizeGreaterThan(2);
                folders.forEach(p -> assertThat(mode(p)).as(p.toString()).isEqualTo("rwx------"));
            }
        }
    }

    @Test
    void aStoreMadeByAnOlderFloeWithWiderModesIsNarrowedWhenOpened() throws Exception {
        Path store = dir.resolve("store");
        try (LocalRunStore first = LocalRunStore.open(dir)) {
            first.recover();
        }
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(store.resolve("floe.db"), PosixFilePermissions.fromString("rw-r--r--"));

        try (LocalRunStore again = LocalRunStore.open(dir)) {
            assertThat(mode(store)).isEqualTo("rwx------");
            assertThat(mode(store.resolve("floe.db"))).isEqualTo("rw-------");
            assertThat(mode(store.resolve("floe.db-wal"))).isEqualTo("rw-------");
        }
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
