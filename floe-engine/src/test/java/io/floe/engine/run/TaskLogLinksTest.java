package io.floe.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.StoreException;
import io.floe.engine.store.local.FileTaskLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A symbolic link put where a task log belongs (the host's store root is often the workspace root, where tasks can
 * write) is never followed: the log route can not be made to serve another file, nor task output to land in one.
 */
class TaskLogLinksTest {
    private static final HostedRef RUN = new HostedRef("h1", 7);

    @TempDir
    Path dir;
    private FileTaskLogs logs;
    private Path secret;

    @BeforeEach
    void plantALink() throws Exception {
        secret = Files.writeString(dir.resolve("secret.txt"), "the host's secret\n");
        logs = new FileTaskLogs(dir.resolve("logs"));
        Path log = logs.file(RUN, "make");
        Files.createDirectories(log.getParent());
        Files.createSymbolicLink(log, secret);
    }

    @AfterEach
    void close() {
        logs.close();
    }

    @Test
    void aLinkedLogIsNotRead() {
        assertThatThrownBy(() -> logs.read(RUN, "make", 0, 10)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("could not read task log " + logs.file(RUN, "make"));
    }

    @Test
    void nothingIsAppendedThroughALinkedLog() throws Exception {
        assertThatThrownBy(() -> logs.append(RUN, "make", "task output")).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("could not append to task log " + logs.file(RUN, "make"));

        assertThat(secret).hasContent("the host's secret");
    }
}
