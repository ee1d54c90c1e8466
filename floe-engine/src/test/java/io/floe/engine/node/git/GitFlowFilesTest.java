package io.floe.engine.node.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.FlowFiles;
import io.floe.engine.config.FlowRefKind;
import io.floe.engine.config.NodeConfig;
import io.floe.testflows.TestFlows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitFlowFilesTest {
    private static final String FILE = "build/FLOE.yaml";

    @TempDir
    Path tmp;

    private Path repos;
    private TestRepo repo;
    private String v1;
    private GitFlowFiles files;

    private static String flowFile(String version) {
        return TestFlows.text("git-flowfile.yml").replace("VERSION", version);
    }

    @BeforeEach
    void setUp() throws IOException {
        repos = Files.createDirectories(tmp.resolve("repos"));
        repo = TestRepo.create(repos, "flows");
        v1 = repo.commit(Map.of(FILE, flowFile("v1")), "flow v1").name();
        repo.tag("v1", true);
        repo.commit(Map.of(FILE, flowFile("v2")), "flow v2");
        files = new GitFlowFiles(tmp.resolve("cache"), new GitAuth(null, "", "", tmp.resolve("home")));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private String reference(String repoUrl) {
        return repoUrl + "/" + FILE;
    }

    @Test
    void readsTheDefaultBranchAndCachesItPerCommit() throws Exception {
        GitFlowFile first = files.load(reference(repo.fileUrl()), "");

        assertThat(first.text()).isEqualTo(flowFile("v2"));
        assertThat(first.commit()).isEqualTo(repo.head("master"));
        assertThat(first.fromCache()).isFalse();

        GitFlowFile second = files.load(reference(repo.fileUrl()), "master");
        assertThat(second.text()).isEqualTo(flowFile("v2"));
        assertThat(second.fromCache()).as("same commit: no fetch").isTrue();

        String v3 = repo.commit(Map.of(FILE, flowFile("v3")), "flow v3").name();
        GitFlowFile third = files.load(reference(repo.fileUrl()), "master");
        assertThat(third.text()).isEqualTo(flowFile("v3"));
        assertThat(third.commit()).isEqualTo(v3);
        assertThat(third.fromCache()).as("the branch moved: fetched").isFalse();
    }

    @Test
    void readsATag() throws Exception {
        GitFlowFile atTag = files.load(reference(repo.fileUrl()), "v1");

        assertThat(atTag.text()).isEqualTo(flowFile("v1"));
    }

    @Test
    void readsACommitAndThenNeedsNoServerForIt() throws Exception {
        GitFlowFile fetched = files.load(reference(repo.fileUrl()), v1);
        assertThat(fetched.text()).isEqualTo(flowFile("v1"));
        assertThat(fetched.fromCache()).isFalse();

        Files.move(repo.dir(), tmp.resolve("gone"));
        GitFlowFile cached = files.load(reference(repo.fileUrl()), v1);

        assertThat(cached.text()).isEqualTo(flowFile("v1"));
        assertThat(cached.fromCache()).isTrue();
    }

    @Test
    void readsOverHttp() throws Exception {
        try (GitHttpServer http = new GitHttpServer(repos, null, null)) {
            assertThat(files.load(reference(http.url("flows")), "v1").text()).isEqualTo(flowFile("v1"));
            assertThat(files.read(reference(http.url("flows")))).isEqualTo(flowFile("v2"));
        }
    }

    /** A configured flow whose flow-file is a git@ reference, read over ssh with a key, laid over the config. */
    @Test
    void aConfiguredFlowLoadsItsFlowFileOverSsh() throws Exception {
        KeyPair client = GitSshServer.newKeyPair();
        Path key = GitSshServer.writePrivateKey(client, tmp.resolve("keys/id"));
        try (GitSshServer ssh = new GitSshServer(repos)) {
            ssh.authorize(client.getPublic());
            String ref = reference(ssh.url("flows"));
            assertThat(FlowRefKind.of(ref)).isEqualTo(FlowRefKind.GIT);
            String yaml = TestFlows.text("git-flowfile-config.yml").replace("FLOW_FILE", ref);
            FlowConfig configured = ConfigLoader.parse(yaml, "git-flowfile-config.yml", null, null).flows().get(0);
            GitFlowFiles overSsh = new GitFlowFiles(tmp.resolve("cache"),
                    new GitAuth(key, "", "", tmp.resolve("home")));

            FlowConfig flow = FlowFiles.local(tmp, null).with(FlowRefKind.GIT, overSsh).load(configured);

            assertThat(flow.id()).isEqualTo("from-git");
            assertThat(flow.env()).containsExactly("STAGE=v2");
            assertThat(flow.tasks()).extracting(NodeConfig::id).containsExactly("build", "done");
            assertThat(flow.triggers()).extracting(NodeConfig::id).containsExactly("start");
        }
    }

    @Test
    void errorsNameTheReferenceAndTheCause() {
        String ref = reference(repo.fileUrl());

        assertThatThrownBy(() -> files.load("git@host:org/repo", ""))
                .hasMessageStartingWith("flow-file reference 'git@host:org/repo' does not name a file in a git "
                        + "repository");
        assertThatThrownBy(() -> files.load(ref, "no-such"))
                .hasMessage("flow-file " + ref + " at no-such: no branch or tag 'no-such' in " + repo.fileUrl()
                        + ": check the ref (a branch, a tag or a full commit id)");
        assertThatThrownBy(() -> files.load(repo.fileUrl() + "/build/NOPE.yaml", "v1"))
                .hasMessageStartingWith("flow-file " + repo.fileUrl() + "/build/NOPE.yaml at v1: no file "
                        + "build/NOPE.yaml in commit " + v1);
        assertThatThrownBy(() -> files.load(reference("file:///nowhere/x.git"), ""))
                .hasMessageStartingWith("flow-file file:///nowhere/x.git/" + FILE + ": listing the refs of "
                        + "file:///nowhere/x.git failed");
    }

    @Test
    void splitsReferencesAtTheFirstDotGit() throws Exception {
        assertThat(GitFlowFiles.Reference.parse("git@github.com:floeit/floe.git/build/FLOE.yaml"))
                .isEqualTo(new GitFlowFiles.Reference("git@github.com:floeit/floe.git", "build/FLOE.yaml"));
        assertThat(GitFlowFiles.Reference.parse("https://host/org/repo.git/FLOE.yaml"))
                .isEqualTo(new GitFlowFiles.Reference("https://host/org/repo.git", "FLOE.yaml"));
        assertThat(GitFlowFiles.isGitReference("file:///srv/repo.git/x.yml")).isTrue();
        assertThat(GitFlowFiles.isGitReference("floes/floe.yaml")).isFalse();
    }
}
