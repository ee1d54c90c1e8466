package io.floe.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.event.Event;
import io.floe.engine.event.Tags;
import io.floe.engine.hub.TestHost;
import io.floe.engine.node.git.TestRepo;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** poll-git triggers on a host: a pushed commit starts a run with url, branch and hash; failures hurt nothing else. */
class GitPollersTest {
    @TempDir
    Path dir;

    @Test
    void aNewCommitOnABranchStartsARunAndARestartDoesNotFireAgain() throws Exception {
        try (TestRepo repo = TestRepo.create(dir, "app")) {
            repo.commit(Map.of("README", "one"), "first");
            String yaml = """
                    flows:
                      - id: ci
                        ver: 1
                        triggers:
                          - {name: commits, type: poll-git, opts: {url: "%s", refs: "refs/heads/*", exclude-refs: "wip/.*", period: 1}}
                          - {name: broken, type: poll-git, opts: {url: "file:///no/such/repo.git", period: 1}}
                        tasks:
                          - {name: show, listen: trigger.good, type: exec, opts: {shell: "echo built $BRANCH", env: ["BRANCH=x"]}}
                          - {name: end, listen: task.show.good, type: end}
                    """.formatted(repo.fileUrl());
            Path storeRoot = dir.resolve("store-root");
            String moved;
            try (LocalRunStore store = LocalRunStore.open(storeRoot);
                    TestHost h = TestHost.start(yaml, dir, store, b -> b)) {
                // the first poll only records; wait until it has
                awaitState(store, "refs/ci/commits");
                repo.newBranch("feature/login").commit(Map.of("login", "x"), "login page");
                repo.newBranch("wip/spike").commit(Map.of("spike", "x"), "not for ci");
                moved = repo.head("feature/login");
                Event fired = h.events.await(e -> e.tag().equals("inbound.poll-git"), Duration.ofSeconds(20));
                assertThat(fired.opts()).containsEntry("branch", "feature/login").containsEntry("hash", moved)
                        .containsEntry("url", repo.fileUrl());
                Event start = h.events.await(e -> e.tag().equals(Tags.TRIGGER_GOOD));
                assertThat(start.opts()).containsEntry("branch", "feature/login");
                assertThat(io.floe.engine.run.Provenance.of(h.stored(start.runRef().run()).record().opts()))
                        .isEqualTo(new io.floe.engine.run.Provenance(io.floe.engine.run.Provenance.Starter.POLL,
                                repo.fileUrl(), "feature/login"));
                assertThat(h.events.awaitEnd(start.runRef().run()).good()).isTrue();
                assertThat(h.events.all()).filteredOn(e -> e.tag().equals("inbound.poll-git"))
                        .noneMatch(e -> String.valueOf(e.opts().get("branch")).startsWith("wip/"));
            }
            try (LocalRunStore store = LocalRunStore.open(storeRoot);
                    TestHost h = TestHost.start(yaml, dir, store, b -> b)) {
                // a poll after the restart sees the same refs: nothing fires; a new commit does
                repo.checkout("feature/login").commit(Map.of("login", "y"), "fix");
                Event again = h.events.await(e -> e.tag().equals("inbound.poll-git"), Duration.ofSeconds(20));
                assertThat(again.opts().get("hash")).isNotEqualTo(moved).isEqualTo(repo.head("feature/login"));
                assertThat(h.events.all()).filteredOn(e -> e.tag().equals("inbound.poll-git")).hasSize(1);
            }
        }
    }

    private static void awaitState(LocalRunStore store, String key) {
        Await.until("the first poll recorded " + key, Await.DEADLINE, () -> store.state(key).isPresent());
    }
}
