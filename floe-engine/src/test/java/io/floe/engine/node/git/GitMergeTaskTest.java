package io.floe.engine.node.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.spi.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitMergeTaskTest {
    @TempDir
    Path tmp;

    private Path repos;
    private TestRepo repo;
    private GitTaskHarness harness;
    private final GitMergeTask merge = new GitMergeTask();

    @BeforeEach
    void setUp() throws Exception {
        repos = Files.createDirectories(tmp.resolve("repos"));
        repo = TestRepo.create(repos, "proj");
        repo.commit(Map.of("src/app.txt", "line 1\nline 2\nline 3\n"), "add app");
        harness = new GitTaskHarness(Files.createDirectories(tmp.resolve("ws")),
                Files.createDirectories(tmp.resolve("home")));
    }

    @AfterEach
    void tearDown() {
        harness.close();
        repo.close();
    }

    /** The clone git-checkout makes: shallow, master only, in {@code <ws>/code/proj}. */
    private void checkoutMaster() throws Exception {
        TaskResult r = harness.run(new GitCheckoutTask(),
                Map.of("url", repo.fileUrl(), "branch", "master", "sub-dir", "code"));
        assertThat(r.error()).isNull();
        harness.clear();
    }

    @Test
    void mergesDivergedBranchesIntoTheShallowClone() throws Exception {
        repo.newBranch("feature/x").commit(Map.of("feature.txt", "new feature\n"), "feature work");
        // two commits on master after the branch point: the shallow clone's tip is not next to the merge base
        repo.checkout("master").commit(Map.of("other.txt", "master work\n"), "master work");
        repo.commit(Map.of("more.txt", "more\n"), "more master work");
        checkoutMaster();

        TaskResult r = harness.run(merge, Map.of("sub-dir", "code/proj", "branch", "master",
                "from-branch", "feature/x"));

        assertThat(r.error()).isNull();
        assertThat(r.status()).isZero();
        Path clone = harness.workspace().resolve("code/proj");
        assertThat(clone.resolve("feature.txt")).hasContent("new feature");
        assertThat(clone.resolve("other.txt")).hasContent("master work");
        try (Git git = Git.open(clone.toFile())) {
            RevCommit head = git.log().setMaxCount(1).call().iterator().next();
            assertThat(head.getParentCount()).isEqualTo(2);
            assertThat(head.getParent(0).name()).isEqualTo(repo.head("master"));
            assertThat(head.getParent(1).name()).isEqualTo(repo.head("feature/x"));
            assertThat(harness.lines()).startsWith("in dir: " + clone, "git checkout master && git merge feature/x", "");
            assertThat(harness.lines()).last().isEqualTo("new head: " + head.name() + " Merge feature/x into master");
        }
    }

    @Test
    void fastForwardsWhenTheBranchIsBehind() throws Exception {
        repo.newBranch("feature").commit(Map.of("feature.txt", "f\n"), "feature work");
        repo.checkout("master");
        checkoutMaster();

        TaskResult r = harness.run(merge, Map.of("sub-dir", "code/proj", "branch", "master",
                "from-branch", "feature"));

        assertThat(r.status()).isZero();
        assertThat(harness.lines()).anyMatch(l -> l.startsWith("Fast-forward "))
                .last().isEqualTo("new head: " + repo.head("feature") + " feature work");
    }

    @Test
    void aConflictEndsBadListingTheConflictingFiles() throws Exception {
        repo.newBranch("feature").commit(Map.of("src/app.txt", "line 1\nfeature\nline 3\n",
                "notes.txt", "feature notes\n", "feature-only.txt", "ok\n"), "feature edits");
        repo.checkout("master").commit(Map.of("src/app.txt", "line 1\nmaster\nline 3\n",
                "notes.txt", "master notes\n"), "master edits");
        checkoutMaster();

        TaskResult r = harness.run(merge, Map.of("sub-dir", "code/proj", "branch", "master",
                "from-branch", "feature"));

        assertThat(r.failedToExecute()).isFalse();
        assertThat(r.status()).isEqualTo(1);
        assertThat(harness.lines()).containsSubsequence(
                "CONFLICT (content): Merge conflict in notes.txt",
                "CONFLICT (content): Merge conflict in src/app.txt",
                "Automatic merge failed; fix conflicts and then commit the result.");
        assertThat(harness.lines()).noneMatch(l -> l.contains("feature-only.txt"));
    }

    @Test
    void fetchesBothBranchesOverHttpWhenGivenTheUrl() throws Exception {
        repo.newBranch("feature").commit(Map.of("feature.txt", "f\n"), "feature work");
        repo.checkout("master").commit(Map.of("other.txt", "m\n"), "master work");
        checkoutMaster();
        try (GitHttpServer http = new GitHttpServer(repos, null, null)) {
            TaskResult r = harness.run(merge, Map.of("url", http.url("proj"), "sub-dir", "code/proj",
                    "branch", "master", "from-branch", "feature"));

            assertThat(r.error()).isNull();
            assertThat(harness.workspace().resolve("code/proj/feature.txt")).exists();
        }
    }

    @Test
    void missingOptionsGiveTheOriginalsErrors() throws Exception {
        assertThat(harness.run(merge, Map.of("from-branch", "feature")).error())
                .isEqualTo("problem getting ref option");
        assertThat(harness.run(merge, Map.of("branch", "master")).error())
                .isEqualTo("problem getting from ref option");
    }

    @Test
    void aFolderThatIsNoCloneIsACleanError() throws Exception {
        TaskResult r = harness.run(merge, Map.of("sub-dir", "nothing", "branch", "master", "from-branch", "x"));

        assertThat(r.error()).startsWith("no git clone in " + harness.workspace().resolve("nothing"));
    }

    @Test
    void anUnknownFromBranchIsACleanError() throws Exception {
        checkoutMaster();

        TaskResult r = harness.run(merge, Map.of("sub-dir", "code/proj", "branch", "master",
                "from-branch", "no-such"), List.of());

        assertThat(r.error()).isEqualTo("from-branch 'no-such' not found in " + repo.fileUrl()
                + " nor in the clone at " + harness.workspace().resolve("code/proj")
                + ": check the from-branch option");
    }
}
