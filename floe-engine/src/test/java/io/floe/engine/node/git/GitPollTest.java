package io.floe.engine.node.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.NodeConfig;
import io.floe.testflows.TestFlows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitPollTest {
    @TempDir
    Path tmp;

    private TestRepo repo;

    @BeforeEach
    void setUp() throws IOException {
        repo = TestRepo.create(Files.createDirectories(tmp.resolve("repos")), "proj");
        repo.newBranch("feature/x").commit(Map.of("x.txt", "x"), "x");
        repo.checkout("master");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    /**
     * HUB-07, rewritten offline and correctly: poll twice (the first records, the second finds nothing), move master
     * in the repository, poll again: one change, for branch master at its new hash.
     */
    @Test
    void findsTheBranchThatMoved() throws Exception {
        GitPoll poll = GitPoll.fromOpts(Map.of("url", repo.fileUrl(), "refs", "*"), "");

        GitPoll.Result first = poll.poll(null);
        assertThat(first.changes()).as("the first poll only records").isEmpty();
        GitPoll.Result second = poll.poll(first.stateJson());
        assertThat(second.changes()).isEmpty();

        String moved = repo.commit(Map.of("a.txt", "a"), "move master").name();
        GitPoll.Result third = poll.poll(second.stateJson());

        assertThat(third.changes()).containsExactly(
                new GitChange(repo.fileUrl(), "master", moved, "refs/heads/master", "branch"));
        assertThat(third.changes().get(0).opts())
                .isEqualTo(Map.of("url", repo.fileUrl(), "branch", "master", "hash", moved));
        assertThat(poll.poll(third.stateJson()).changes()).isEmpty();
    }

    /** The original's HUB-07 way: tamper with the stored master hash; the next poll reports the real one. */
    @Test
    void aTamperedStoredHashIsAChange() throws Exception {
        GitPoll poll = GitPoll.fromOpts(Map.of("url", repo.fileUrl()), "");
        GitRefState stored = GitRefState.fromJson(poll.poll(null).stateJson());
        Map<String, GitRef> tampered = new java.util.HashMap<>(stored.hashes());
        GitRef master = tampered.get("refs/heads/master");
        tampered.put("refs/heads/master", new GitRef(master.name(), master.type(), "difference", master.change()));

        GitPoll.Result r = poll.poll(new GitRefState(stored.repoUrl(), tampered).toJson());

        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.branch()).isEqualTo("master");
            assertThat(c.hash()).isEqualTo(repo.head("master"));
        });
    }

    @Test
    void newBranchesWithSlashesAndTriggerOptsFromAConfig() throws Exception {
        String yaml = TestFlows.text("git-poll.yml").replace("REPO_URL", repo.fileUrl());
        NodeConfig trigger = ConfigLoader.parse(yaml, "git-poll.yml", null, null).flows().get(0).triggers().get(0);
        GitPoll poll = GitPoll.fromOpts(trigger.opts(), "");
        String state = poll.poll("").stateJson();

        repo.newBranch("feature/y").commit(Map.of("y.txt", "y"), "y");
        repo.newBranch("wip/try").commit(Map.of("w.txt", "w"), "w");
        GitPoll.Result r = poll.poll(state);

        // wip/ is excluded by the config's exclude-refs; feature/y keeps its full name
        assertThat(r.changes()).extracting(GitChange::branch).containsExactly("feature/y");
    }

    @Test
    void aFailedPollThrowsAndTheCallerKeepsItsState() throws Exception {
        GitPoll poll = GitPoll.fromOpts(Map.of("url", repo.fileUrl()), "");
        String state = poll.poll(null).stateJson();
        Path moved = tmp.resolve("elsewhere");
        Files.move(repo.dir(), moved);

        assertThatThrownBy(() -> poll.poll(state)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("listing the refs of " + repo.fileUrl() + " failed");

        Files.move(moved, repo.dir());
        assertThat(poll.poll(state).changes()).as("nothing moved since the last good poll").isEmpty();
    }

    @Test
    void anUnreadableStoredStateCountsAsTheFirstPoll() throws Exception {
        GitPoll poll = GitPoll.fromOpts(Map.of("url", repo.fileUrl()), "");

        GitPoll.Result r = poll.poll("{not json");

        assertThat(r.changes()).isEmpty();
        assertThat(GitRefState.fromJson(r.stateJson()).hashes()).containsKeys("refs/heads/master",
                "refs/heads/feature/x");
    }

    @Test
    void anUnmovedRefKeepsWhenItWasFirstSeen() throws Exception {
        GitPoll poll = GitPoll.fromOpts(Map.of("url", repo.fileUrl()), "");
        GitRefState first = GitRefState.fromJson(poll.poll(null).stateJson());

        GitRefState second = GitRefState.fromJson(poll.poll(first.toJson()).stateJson());

        assertThat(second.hashes().get("refs/heads/master").change())
                .isEqualTo(first.hashes().get("refs/heads/master").change());
    }
}
