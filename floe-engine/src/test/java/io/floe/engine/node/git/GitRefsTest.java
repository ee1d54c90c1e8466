package io.floe.engine.node.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRefsTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    /** GIT-01's ls-remote output (Bitbucket/Stash and GitHub style), with the original's trailing whitespace line. */
    private static final String STASH_AND_GITHUB = """
            8b650c4565361eab3ba0cd21295c169e55087257    refs/heads/reverted_certs
            a6767754ef433da45f8096d06ba1eb7c8de16e3f    refs/heads/hoombe
            9906c112ddd51934593fe5f97cba8bbc86e916b2    refs/heads/hoom-nag-message
            5793e9c730a1b464539e304ba61f7e647622ba40    refs/heads/foo-1531910961902
            5fe9cc9bb4bb6da45c112b390219a58bcb0543d6    refs/pull-requests/6638/from
            c47f2ec90df29fc4502d7364b635a1454636f2e4    refs/pull-requests/6649/from
            d433e9bb255c529450881d18dca62506b525bff2    refs/pull-requests/6649/merge
            855b90cb574bd0945c4e7aa35189cf431abc3cd0    refs/pull-requests/6650/from
            bd8d2a6589ec23e455d35689207f3a5319c5f62a    refs/tags/v_4.6.911
            461f5ead415c6fa457dcfdc774855cdc9ecc1e3e    refs/tags/v_5.6.912
            d046e4898b8df7e45fc1e63905a4a950a96452bf    refs/tags/_4.6.913
            0db621b7f0cf8dd4545f930f000d8d2f41c65607    refs/tags/ver_4.6.92
            0db621b7f0cf8dd4545f930f000d8d2f41c65607    refs/tags/v_4.6.92^{}
            ef0f5274afae6d4f36ee29fa61d4398ad8a6567c\tHEAD
            ef0f5274afae6d4f36ee29fa61d4398ad8a6567c\trefs/heads/master
            fbf6240b17cd4aeedd070b6b5461395602708ace\trefs/heads/poll-git-changes
            97a574fa05056609f5746afaae42e083477e06cc\trefs/pull/1/head
            68aebba3d722f158eb59b3cd3f573bd2cf152bba\trefs/pull/2/head
            fbf6240b17cd4aeedd070b6b5461395602708ace\trefs/pull/3/head
            978ae2def696424956ee03f367233ee20cedc8ad\trefs/tags/v0.1
            \t""";

    private static List<String> lines() {
        return Arrays.asList(STASH_AND_GITHUB.split("\n", -1));
    }

    @TempDir
    Path tmp;

    /**
     * GIT-01, rewritten for full names: the same refs are kept (HEAD, the excluded poll-git-changes and the blank
     * line dropped: lines − 3; the spec's "19" miscounts the original's own test, which has 21 lines, so 18), and the
     * same spot checks hold except two pulls, whose names now keep everything after the type segment:
     * {@code refs/pull-requests/6650/from} → {@code 6650/from} (was {@code 6650}) and {@code refs/pull/2/head} →
     * {@code 2/head} (was {@code 2}), since {@code …/from}, {@code …/merge} and {@code …/head} are different commits.
     */
    @Test
    void parsesLsRemoteOutputWithFullNames() {
        GitRefState refs = new GitRefs("url", "", List.of("poll.*")).parse(lines(), NOW);

        assertThat(lines()).hasSize(21);
        assertThat(refs.hashes()).hasSize(lines().size() - 3);
        assertThat(refs.hashes()).doesNotContainKeys("HEAD", "refs/heads/poll-git-changes");
        assertThat(refs.hashes()).contains(
                Map.entry("refs/heads/hoom-nag-message", new GitRef("hoom-nag-message", "branch",
                        "9906c112ddd51934593fe5f97cba8bbc86e916b2", NOW)),
                Map.entry("refs/pull-requests/6650/from", new GitRef("6650/from", "pull",
                        "855b90cb574bd0945c4e7aa35189cf431abc3cd0", NOW)),
                Map.entry("refs/tags/ver_4.6.92", new GitRef("ver_4.6.92", "tag",
                        "0db621b7f0cf8dd4545f930f000d8d2f41c65607", NOW)),
                Map.entry("refs/heads/master", new GitRef("master", "branch",
                        "ef0f5274afae6d4f36ee29fa61d4398ad8a6567c", NOW)),
                Map.entry("refs/pull/2/head", new GitRef("2/head", "pull",
                        "68aebba3d722f158eb59b3cd3f573bd2cf152bba", NOW)),
                Map.entry("refs/tags/v0.1", new GitRef("v0.1", "tag",
                        "978ae2def696424956ee03f367233ee20cedc8ad", NOW)),
                // a peeled tag line keeps its key, and its name loses the ^{}
                Map.entry("refs/tags/v_4.6.92^{}", new GitRef("v_4.6.92", "tag",
                        "0db621b7f0cf8dd4545f930f000d8d2f41c65607", NOW)));
    }

    @Test
    void branchNamesKeepTheirSlashes() {
        assertThat(GitRefs.classify("refs/heads/feature/x", "h", NOW)).contains(new GitRef("feature/x", "branch", "h", NOW));
        assertThat(GitRefs.classify("refs/heads/feature/y", "h", NOW)).contains(new GitRef("feature/y", "branch", "h", NOW));
        assertThat(GitRefs.classify("HEAD", "h", NOW)).isEmpty();
        assertThat(GitRefs.classify("refs/stash", "h", NOW)).isEmpty();
    }

    @Test
    void patternsMatchTheEndOfTheRefAsLsRemoteDoes() {
        assertThat(new GitRefs("url", "master", List.of()).parse(lines(), NOW).hashes())
                .containsOnlyKeys("refs/heads/master");
        assertThat(new GitRefs("url", "refs/tags/v*", List.of()).parse(lines(), NOW).hashes())
                .containsOnlyKeys("refs/tags/v_4.6.911", "refs/tags/v_5.6.912", "refs/tags/v_4.6.92^{}",
                        "refs/tags/ver_4.6.92", "refs/tags/v0.1");
        assertThat(new GitRefs("url", "refs/pull/* refs/heads/master", List.of()).parse(lines(), NOW).hashes())
                .containsOnlyKeys("refs/pull/1/head", "refs/pull/2/head", "refs/pull/3/head", "refs/heads/master");
    }

    @Test
    void readsBothExcludeSpellings() {
        GitRefs excludeOnly = GitRefs.fromOpts(Map.of("url", "u", "exclude", "poll.*"));
        GitRefs excludeRefsOnly = GitRefs.fromOpts(Map.of("url", "u", "exclude-refs", "poll.*"));
        GitRefs both = GitRefs.fromOpts(Map.of("url", "u", "exclude", "hoom", "exclude-refs", "pull-requests"));

        assertThat(excludeOnly.parse(lines(), NOW).hashes()).hasSize(18).doesNotContainKey("refs/heads/poll-git-changes");
        assertThat(excludeRefsOnly.parse(lines(), NOW).hashes()).isEqualTo(excludeOnly.parse(lines(), NOW).hashes());
        assertThat(both.parse(lines(), NOW).hashes()).hasSize(19 - 2 - 4)
                .doesNotContainKeys("refs/heads/hoombe", "refs/heads/hoom-nag-message", "refs/pull-requests/6650/from");
    }

    @Test
    void badOptionsAreReportedWhenThePollIsMade() {
        assertThatThrownBy(() -> GitRefs.fromOpts(Map.of("refs", "refs/*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("poll-git trigger needs a url option: the repository to poll");
        assertThatThrownBy(() -> GitRefs.fromOpts(Map.of("url", "u", "exclude-refs", "wip[")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("poll-git exclude 'wip[' is not a valid regular expression");
    }

    @Test
    void listsARealRepositoryThroughJGit() throws Exception {
        try (TestRepo repo = TestRepo.create(Files.createDirectories(tmp.resolve("repos")), "proj")) {
            repo.tag("v1.0", true);
            repo.newBranch("feature/x").commit(Map.of("x.txt", "x"), "x");
            repo.newBranch("wip/try").commit(Map.of("y.txt", "y"), "y");

            GitRefs heads = GitRefs.fromOpts(Map.of("url", repo.fileUrl(), "refs", "refs/heads/*",
                    "exclude-refs", "^refs/heads/wip/"));
            GitRefState state = heads.list(GitAuth.anonymous(), NOW);

            assertThat(state.repoUrl()).isEqualTo(repo.fileUrl());
            assertThat(state.hashes()).containsOnlyKeys("refs/heads/master", "refs/heads/feature/x");
            assertThat(state.hashes().get("refs/heads/feature/x"))
                    .isEqualTo(new GitRef("feature/x", "branch", repo.head("feature/x"), NOW));

            GitRefState all = new GitRefs(repo.fileUrl(), "", List.of()).list(GitAuth.anonymous(), NOW);
            assertThat(all.hashes()).containsOnlyKeys("refs/heads/master", "refs/heads/feature/x",
                    "refs/heads/wip/try", "refs/tags/v1.0");
            // an annotated tag is listed at the tag object, as ls-remote --refs prints it
            assertThat(all.hashes().get("refs/tags/v1.0").hash()).isEqualTo(repo.head("refs/tags/v1.0"));
        }
    }

    @Test
    void listsOverSshWithAKey() throws Exception {
        Path repos = Files.createDirectories(tmp.resolve("repos"));
        KeyPair client = GitSshServer.newKeyPair();
        Path key = GitSshServer.writePrivateKey(client, tmp.resolve("keys/id"));
        try (TestRepo repo = TestRepo.create(repos, "proj"); GitSshServer ssh = new GitSshServer(repos)) {
            ssh.authorize(client.getPublic());
            GitAuth auth = new GitAuth(key, "", "", Files.createDirectories(tmp.resolve("home")));

            GitRefState state = new GitRefs(ssh.url("proj"), "", List.of()).list(auth, NOW);

            assertThat(state.hashes()).containsOnlyKeys("refs/heads/master");
            assertThat(state.hashes().get("refs/heads/master").hash()).isEqualTo(repo.head("master"));
        }
    }

    @Test
    void theStateReadsAndWritesTheOriginalsJson() {
        String original = """
                {"RepoURL":"git@github.com:floeit/floe.git","Hashes":{"refs/heads/master":{"Name":"master",\
                "Type":"branch","Hash":"ef0f5274afae6d4f36ee29fa61d4398ad8a6567c",\
                "Change":"2018-07-23T10:11:12.123456789Z"}}}""";

        GitRefState state = GitRefState.fromJson(original);

        assertThat(state.repoUrl()).isEqualTo("git@github.com:floeit/floe.git");
        assertThat(state.hashes().get("refs/heads/master")).isEqualTo(new GitRef("master", "branch",
                "ef0f5274afae6d4f36ee29fa61d4398ad8a6567c", Instant.parse("2018-07-23T10:11:12.123456789Z")));
        assertThat(GitRefState.fromJson(state.toJson())).isEqualTo(state);
        assertThat(GitRefState.fromJson(null)).isEqualTo(GitRefState.empty());
        assertThatThrownBy(() -> GitRefState.fromJson("[1,2"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
