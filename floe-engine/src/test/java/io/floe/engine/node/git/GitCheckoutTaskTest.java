package io.floe.engine.node.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.spi.TaskResult;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCheckoutTaskTest {
    @TempDir
    Path tmp;

    private Path repos;
    private Path home;
    private TestRepo repo;
    private GitTaskHarness harness;
    private final GitCheckoutTask task = new GitCheckoutTask();

    @BeforeEach
    void setUp() throws Exception {
        repos = Files.createDirectories(tmp.resolve("repos"));
        home = Files.createDirectories(tmp.resolve("home"));
        repo = TestRepo.create(repos, "proj");
        repo.commit(Map.of("src/app.txt", "v1\n"), "add app");
        repo.newBranch("feature/x").commit(Map.of("src/app.txt", "feature\n"), "feature work");
        repo.checkout("master");
        harness = new GitTaskHarness(Files.createDirectories(tmp.resolve("ws")), home);
    }

    @AfterEach
    void tearDown() {
        harness.close();
        repo.close();
    }

    @Test
    void clonesABranchOverFileIntoAFolderNamedAfterTheRepo() throws Exception {
        TaskResult r = harness.run(task, Map.of("url", repo.fileUrl(), "branch", "master", "sub-dir", "src"));

        assertThat(r.error()).isNull();
        assertThat(r.status()).isZero();
        Path clone = harness.workspace().resolve("src/proj");
        assertThat(clone.resolve("src/app.txt")).hasContent("v1");
        assertThat(harness.lines()).startsWith(
                "in dir: " + harness.workspace().resolve("src"),
                "git clone --branch master --depth 1 " + repo.fileUrl(),
                "",
                "Cloning into 'proj'...");
        assertThat(harness.lines()).last().asString().startsWith("HEAD is now at " + repo.head("master").substring(0, 7));
        try (Git git = Git.open(clone.toFile())) {
            assertThat(git.getRepository().getFullBranch()).isEqualTo("refs/heads/master");
            assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(repo.head("master"));
            // shallow, as --depth 1: only the tip is there
            assertThat(git.log().call()).hasSize(1);
        }
    }

    @Test
    void clonesABranchWithASlash() throws Exception {
        TaskResult r = harness.run(task, Map.of("url", repo.fileUrl(), "branch", "feature/x"));

        assertThat(r.status()).isZero();
        assertThat(harness.workspace().resolve("proj/src/app.txt")).hasContent("feature");
        try (Git git = Git.open(harness.workspace().resolve("proj").toFile())) {
            assertThat(git.getRepository().getFullBranch()).isEqualTo("refs/heads/feature/x");
        }
    }

    @Test
    void checksOutATagDetached() throws Exception {
        repo.tag("v1.0", true);
        repo.commit(Map.of("src/app.txt", "v2\n"), "after the tag");

        TaskResult r = harness.run(task, Map.of("url", repo.fileUrl(), "branch", "v1.0"));

        assertThat(r.status()).isZero();
        assertThat(harness.workspace().resolve("proj/src/app.txt")).hasContent("v1");
    }

    @Test
    void checksOutAnExactCommitThatIsNoLongerTheTip() throws Exception {
        String old = repo.head("master");
        repo.commit(Map.of("src/app.txt", "v2\n"), "newer");

        TaskResult r = harness.run(task, Map.of("url", repo.fileUrl(), "branch", "master", "hash", old));

        assertThat(r.error()).isNull();
        assertThat(r.status()).isZero();
        Path clone = harness.workspace().resolve("proj");
        assertThat(clone.resolve("src/app.txt")).hasContent("v1");
        try (Git git = Git.open(clone.toFile())) {
            assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(old);
            assertThat(git.getRepository().getFullBranch()).isEqualTo("refs/heads/master");
        }
    }

    @Test
    void checksOutAnExactCommitOverHttpWithoutABranch() throws Exception {
        String old = repo.head("master");
        repo.commit(Map.of("src/app.txt", "v2\n"), "newer");
        try (GitHttpServer http = new GitHttpServer(repos, null, null)) {
            TaskResult r = harness.run(task, Map.of("url", http.url("proj"), "hash", old));

            assertThat(r.error()).isNull();
            assertThat(harness.workspace().resolve("proj/src/app.txt")).hasContent("v1");
            try (Git git = Git.open(harness.workspace().resolve("proj").toFile())) {
                assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(old);
                assertThat(git.getRepository().getFullBranch()).as("detached HEAD").isEqualTo(old);
            }
        }
    }

    @Test
    void fetchesTheHistoryWhenTheServerServesRefTipsOnly() throws Exception {
        String old = repo.head("master");
        repo.commit(Map.of("src/app.txt", "v2\n"), "newer");
        KeyPair client = GitSshServer.newKeyPair();
        Path key = GitSshServer.writePrivateKey(client, tmp.resolve("keys/id_floe"));
        try (GitSshServer ssh = new GitSshServer(repos)) {
            ssh.authorize(client.getPublic());
            ssh.serveTipsOnly();

            TaskResult r = harness.run(task, Map.of("url", ssh.url("proj"), "branch", "master", "hash", old,
                    "key-file", key.toString()));

            assertThat(r.error()).isNull();
            assertThat(harness.lines())
                    .contains("the server did not send commit " + old + " by itself; fetching the whole history");
            assertThat(harness.workspace().resolve("proj/src/app.txt")).hasContent("v1");
        }
    }

    @Test
    void clonesOverSmartHttp() throws Exception {
        try (GitHttpServer http = new GitHttpServer(repos, null, null)) {
            TaskResult r = harness.run(task, Map.of("url", http.url("proj"), "branch", "feature/x"));

            assertThat(r.error()).isNull();
            assertThat(harness.workspace().resolve("proj/src/app.txt")).hasContent("feature");
        }
    }

    @Test
    void sendsHttpCredentialsFromTheTaskEnv() throws Exception {
        try (GitHttpServer http = new GitHttpServer(repos, "ci", "s3cret")) {
            TaskResult anonymous = harness.run(task, Map.of("url", http.url("proj"), "branch", "master"));
            assertThat(anonymous.failedToExecute()).isTrue();
            assertThat(anonymous.error()).contains(http.url("proj")).contains("GIT_USERNAME");

            TaskResult withPassword = harness.run(task, Map.of("url", http.url("proj"), "branch", "master",
                    "sub-dir", "a"), List.of("GIT_USERNAME=ci", "GIT_PASSWORD=s3cret"));
            assertThat(withPassword.error()).isNull();
            assertThat(harness.workspace().resolve("a/proj/README.md")).exists();

            TaskResult withToken = harness.run(task, Map.of("url", http.url("proj"), "branch", "master",
                    "sub-dir", "b"), List.of("GIT_USERNAME=ci", "GIT_TOKEN=s3cret"));
            assertThat(withToken.error()).isNull();
            assertThat(harness.workspace().resolve("b/proj/README.md")).exists();
        }
    }

    @Test
    void clonesOverSshWithTheKeyFile() throws Exception {
        KeyPair client = GitSshServer.newKeyPair();
        Path key = GitSshServer.writePrivateKey(client, tmp.resolve("keys/id_floe"));
        try (GitSshServer ssh = new GitSshServer(repos)) {
            ssh.authorize(client.getPublic());

            TaskResult r = harness.run(task, Map.of("url", ssh.url("proj"), "branch", "master",
                    "key-file", key.toString()));

            assertThat(r.error()).isNull();
            assertThat(r.status()).isZero();
            assertThat(harness.workspace().resolve("proj/src/app.txt")).hasContent("v1");
        }
    }

    @Test
    void aKeyTheServerDoesNotAcceptIsACleanError() throws Exception {
        KeyPair allowed = GitSshServer.newKeyPair();
        Path wrongKey = GitSshServer.writePrivateKey(GitSshServer.newKeyPair(), tmp.resolve("keys/id_wrong"));
        try (GitSshServer ssh = new GitSshServer(repos)) {
            ssh.authorize(allowed.getPublic());

            TaskResult r = harness.run(task, Map.of("url", ssh.url("proj"), "branch", "master",
                    "key-file", wrongKey.toString()));

            assertThat(r.failedToExecute()).isTrue();
            assertThat(r.error()).contains(ssh.url("proj")).containsIgnoringCase("auth").contains("key-file");
            assertThat(harness.workspace().resolve("proj")).doesNotExist();
        }
    }

    @Test
    void aKeyFileThatDoesNotExistIsACleanError() throws Exception {
        Path missing = tmp.resolve("keys/none");
        TaskResult r = harness.run(task, Map.of("url", "ssh://git@127.0.0.1:1/proj.git", "branch", "master",
                "key-file", missing.toString()));

        assertThat(r.error()).isEqualTo("key-file " + missing + " can not be read: check the key-file option (or "
                + "common.git-key) names an existing private key readable by this host");
    }

    @Test
    void aHostKeyThatDoesNotMatchKnownHostsIsRefused() throws Exception {
        KeyPair client = GitSshServer.newKeyPair();
        Path key = GitSshServer.writePrivateKey(client, tmp.resolve("keys/id_floe"));
        try (GitSshServer ssh = new GitSshServer(repos); GitSshServer other = new GitSshServer(repos)) {
            ssh.authorize(client.getPublic());
            // known_hosts lists another key for this host:port
            String otherKey = other.knownHostsLine().substring(other.knownHostsLine().indexOf(' '));
            Files.createDirectories(home.resolve(".ssh"));
            Files.writeString(home.resolve(".ssh/known_hosts"), "[127.0.0.1]:" + ssh.port() + otherKey + "\n");

            TaskResult r = harness.run(task, Map.of("url", ssh.url("proj"), "branch", "master",
                    "key-file", key.toString()));

            assertThat(r.failedToExecute()).isTrue();
            assertThat(r.error()).contains(ssh.url("proj"));

            // with the right key listed, it is accepted
            Files.writeString(home.resolve(".ssh/known_hosts"), ssh.knownHostsLine() + "\n");
            TaskResult ok = harness.run(task, Map.of("url", ssh.url("proj"), "branch", "master",
                    "key-file", key.toString()));
            assertThat(ok.error()).isNull();
        }
    }

    @Test
    void anUnknownBranchIsACleanError() throws Exception {
        TaskResult r = harness.run(task, Map.of("url", repo.fileUrl(), "branch", "no-such"));

        assertThat(r.error()).isEqualTo("branch 'no-such' not found in " + repo.fileUrl()
                + ": check the branch name (branches and tags are looked up)");
    }

    @Test
    void anUnreachableServerIsACleanError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/git/proj.git";

        TaskResult r = harness.run(task, Map.of("url", url, "branch", "master"));

        assertThat(r.failedToExecute()).isTrue();
        assertThat(r.error()).startsWith("listing the refs of " + url + " failed");
    }

    @Test
    void missingOptionsGiveTheOriginalsErrors() throws Exception {
        assertThat(harness.run(task, Map.of("branch", "master")).error()).isEqualTo("problem getting git url option");
        assertThat(harness.run(task, Map.of("url", repo.fileUrl())).error())
                .isEqualTo("problem getting branch option");
    }

    @Test
    void aSubDirThatClimbsOutIsRefused() throws Exception {
        TaskResult r = harness.run(task, Map.of("url", repo.fileUrl(), "branch", "master", "sub-dir", "../out"));

        assertThat(r.error()).contains("sub-dir '../out' climbs out of the workspace");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aSecondCheckoutUpdatesTheExistingClone() throws Exception {
        assertThat(harness.run(task, Map.of("url", repo.fileUrl(), "branch", "master")).status()).isZero();
        repo.commit(Map.of("src/app.txt", "v2\n"), "newer");
        harness.clear();

        TaskResult r = harness.run(task, Map.of("url", repo.fileUrl(), "branch", "master"));

        assertThat(r.error()).isNull();
        assertThat(harness.lines()).contains("Updating 'proj'...");
        assertThat(harness.workspace().resolve("proj/src/app.txt")).hasContent("v2");
    }

    @Test
    void aCancelledCheckoutEndsAtOnce() throws Exception {
        harness.cancellation().cancel("run cancelled");

        TaskResult r = harness.run(task, Map.of("url", repo.fileUrl(), "branch", "master"));

        assertThat(r.error()).isEqualTo("run cancelled");
    }

    @Test
    void aCancellationEndsACheckoutThatIsWaitingForTheServer() throws Exception {
        try (GitHttpServer http = new GitHttpServer(repos, null, null)) {
            CompletableFuture<Void> waiting = http.hold();
            CompletableFuture<TaskResult> running = harness.start(task,
                    Map.of("url", http.url("proj"), "branch", "master"), List.of());
            waiting.get(30, TimeUnit.SECONDS);

            harness.cancellation().cancel("run cancelled");

            assertThat(running.get(10, TimeUnit.SECONDS).error()).isEqualTo("run cancelled");
        }
    }

    @Test
    void isFoundByItsTypeName() {
        assertThat(java.util.ServiceLoader.load(io.floe.engine.spi.TaskType.class).stream()
                .map(p -> p.get().name())).contains("git-checkout", "git-merge");
    }
}
