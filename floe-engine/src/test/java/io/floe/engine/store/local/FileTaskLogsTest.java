package io.floe.engine.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.event.HostedRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task logs as files: what survives a restart, a crash mid-line, many open logs, and odd node ids. */
class FileTaskLogsTest {
    private static final HostedRef RUN = new HostedRef("h1", 12);

    @TempDir
    Path dir;

    @Test
    void flushedLinesAreInTheFileForOtherProgramsToRead() throws Exception {
        try (FileTaskLogs logs = new FileTaskLogs(dir)) {
            logs.append(RUN, "build", "one");
            logs.append(RUN, "build", "two");
            logs.flush(RUN, "build");

            assertThat(Files.readAllLines(dir.resolve("h1-12/build.log"), StandardCharsets.UTF_8))
                    .containsExactly("one", "two");
            assertThat(logs.file(RUN, "build")).isEqualTo(dir.toAbsolutePath().resolve("h1-12/build.log"));
        }
    }

    @Test
    void aReopenedLogIsReadFromAnyLineAndAppendedToInOrder() {
        try (FileTaskLogs logs = new FileTaskLogs(dir)) {
            for (int i = 0; i < 3000; i++) {
                logs.append(RUN, "build", "line " + i);
            }
        } // closing writes everything out, as a host stopping does

        try (FileTaskLogs logs = new FileTaskLogs(dir)) {
            assertThat(logs.read(RUN, "build", 2049, 2)).containsExactly("line 2049", "line 2050");
            logs.append(RUN, "build", "interrupted by host restart");
            assertThat(logs.read(RUN, "build", 2999, 5)).containsExactly("line 2999", "interrupted by host restart");
        }
    }

    @Test
    void aLineCutShortByACrashStaysALineAndTheNextAppendStartsAfterIt() throws Exception {
        Path file = dir.resolve("h1-12/build.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "complete\npartial", StandardCharsets.UTF_8);

        try (FileTaskLogs logs = new FileTaskLogs(dir)) {
            assertThat(logs.read(RUN, "build", 0, 10)).containsExactly("complete", "partial");
            logs.append(RUN, "build", "interrupted by host restart");
            assertThat(logs.read(RUN, "build", 0, 10))
                    .containsExactly("complete", "partial", "interrupted by host restart");
        }
        assertThat(Files.readString(file)).isEqualTo("complete\npartial\ninterrupted by host restart\n");
    }

    @Test
    void moreLogsThanAreKeptOpenStillGetEveryLineInOrder() {
        int nodes = FileTaskLogs.MAX_OPEN + 50;
        try (FileTaskLogs logs = new FileTaskLogs(dir, true)) {
            for (int round = 0; round < 3; round++) {
                for (int n = 0; n < nodes; n++) {
                    logs.append(RUN, "node-" + n, "round " + round);
                }
            }
            for (int n = 0; n < nodes; n++) {
                assertThat(logs.read(RUN, "node-" + n, 0, 10)).as("node-" + n)
                        .containsExactly("round 0", "round 1", "round 2");
            }
        }
    }

    @Test
    void nodeIdsThatDifferGetDifferentFilesInsideTheRunFolder() {
        List<String> ids = List.of("a&b", "a%26b", "a b", "a_b", "..", ".", "", "x/../../y", "Ä", "a".repeat(300),
                "a".repeat(299) + "b");
        try (FileTaskLogs logs = new FileTaskLogs(dir)) {
            for (String id : ids) {
                logs.append(RUN, id, "id " + id);
                Path file = logs.file(RUN, id);
                assertThat(file.getParent()).isEqualTo(dir.toAbsolutePath().resolve("h1-12"));
                assertThat(file.getFileName().toString().length()).isLessThan(255);
            }
            assertThat(ids.stream().map(id -> logs.file(RUN, id)).distinct()).hasSameSizeAs(ids);
            for (String id : ids) {
                assertThat(logs.read(RUN, id, 0, 5)).containsExactly("id " + id);
            }
        }
    }

    @Test
    void aHostNameCannotLeadOutOfTheLogsFolderEither() {
        try (FileTaskLogs logs = new FileTaskLogs(dir.resolve("logs"))) {
            HostedRef odd = new HostedRef("../../evil", 1);
            logs.append(odd, "build", "x");
            assertThat(logs.file(odd, "build")).startsWith(dir.toAbsolutePath().resolve("logs"));
            assertThat(logs.read(odd, "build", 0, 1)).containsExactly("x");
        }
    }

    @Test
    void closedLogsRefuseWork() {
        FileTaskLogs logs = new FileTaskLogs(dir);
        logs.append(RUN, "build", "x");
        logs.close();
        assertThatThrownBy(() -> logs.append(RUN, "build", "y")).hasMessageContaining("closed");
    }
}
