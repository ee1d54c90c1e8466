package io.floe.engine.node.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.spi.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git checkout or merge whose sub-dir leads through a symbolic link out of the workspace writes nothing there. */
class GitLinksTest {
    @TempDir
    Path tmp;

    private Path outside;
    private TestRepo repo;
    private GitTaskHarness harness;

    @BeforeEach
    void setUp() throws Exception {
        outside = Files.createDirectories(tmp.resolve("outside"));
        repo = TestRepo.create(Files.createDirectories(tmp.resolve("repos")), "proj");
        repo.commit(Map.of("src/app.txt", "v1\n"), "add app");
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.createSymbolicLink(ws.resolve("out"), outside);
        harness = new GitTaskHarness(ws, Files.createDirectories(tmp.resolve("home")));
    }

    @AfterEach
    void tearDown() {
        harness.close();
        repo.close();
    }

    @Test
    void aCheckoutIntoALinkedFolderOutsideIsRefused() throws Exception {
        TaskResult r = harness.run(new GitCheckoutTask(), Map.of("url", repo.fileUrl(), "branch", "master",
                "sub-dir", "out"));

        assertThat(r.failedToExecute()).isTrue();
        assertThat(r.error()).contains("sub-dir 'out' leads through a symbolic link to " + outside.toRealPath()
                + ", outside the workspace");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aMergeInALinkedFolderOutsideIsRefused() throws Exception {
        TaskResult r = harness.run(new GitMergeTask(), Map.of("url", repo.fileUrl(), "branch", "master",
                "from-branch", "feature", "sub-dir", "out/proj"));

        assertThat(r.failedToExecute()).isTrue();
        assertThat(r.error()).contains("sub-dir 'out/proj' leads through a symbolic link to "
                + outside.toRealPath().resolve("proj"));
    }
}
