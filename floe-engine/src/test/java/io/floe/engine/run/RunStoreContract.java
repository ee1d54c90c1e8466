package io.floe.engine.run;

import static io.floe.engine.run.TestRuns.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.TaskLogs;
import io.floe.engine.store.jdbc.ListingKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link RunStore} does; run against each store by a subclass. */
public abstract class RunStoreContract {
    @TempDir
    protected Path dir;

    protected RunStore store;

    protected abstract RunStore open(Path dir);

    @BeforeEach
    void openStore() {
        store = open(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aCommittedRunAndItsNodesAreFoundAsSaved() {
        RunRecord run = TestRuns.pend("h1", 1, "build", T0).activated("h2", T0.plusSeconds(2));
        NodeRecord task = TestRuns.finishedTask("build", T0.plusSeconds(3));
        NodeRecord merge = TestRuns.mergeWaiting("join", T0.plusSeconds(5));
        NodeRecord data = TestRuns.dataWaiting("sign-off", T0.plusSeconds(6));
        NodeRecord running = NodeRecord.startedTask("test", T0.plusSeconds(7));

        store.commit(new StoreBatch().counter(1).run(run).node(run.id(), task).node(run.id(), merge)
                .node(run.id(), data).node(run.id(), running));

        StoredRun found = store.find(new HostedRef("h1", 1)).orElseThrow();
        assertThat(found.record()).isEqualTo(run);
        assertThat(found.record().ref().execHost()).isEqualTo("h2");
        assertThat(found.record().flow()).isEqualTo(run.flow());
        assertThat(found.nodes()).containsOnlyKeys("build", "join", "sign-off", "test");
        assertThat(found.nodes().get("build")).isEqualTo(task);
        assertThat(found.nodes().get("build").exitStatus()).isEqualTo(3);
        assertThat(found.nodes().get("join")).isEqualTo(merge);
        assertThat(found.nodes().get("sign-off")).isEqualTo(data);
        assertThat(found.nodes().get("test")).isEqualTo(running);
        assertThat(found.nodes().get("test").running()).isTrue();
    }

    @Test
    void anUnknownRunIsNotFound() {
        assertThat(store.find(new HostedRef("h1", 99))).isEmpty();
        assertThat(store.state("nothing/here")).isEmpty();
    }

    @Test
    void theLastChangeToARowInABatchWins() {
        RunRecord pend = TestRuns.pend("h1", 1, "build", T0);
        RunRecord active = pend.activated("h1", T0.plusSeconds(1));
        NodeRecord started = NodeRecord.startedTask("build", T0.plusSeconds(2));
        NodeRecord finished = TestRuns.finishedTask("build", T0.plusSeconds(2));

        store.commit(new StoreBatch().counter(1).run(pend).state("refs/build/poll", "first")
                .node(pend.id(), started).counter(2).run(active).node(pend.id(), finished)
                .state("refs/build/poll", "second").state("gone", "x").state("gone", null));

        StoredRun found = store.find(pend.id()).orElseThrow();
        assertThat(found.record()).isEqualTo(active);
        assertThat(found.nodes()).containsExactly(Map.entry("build", finished));
        assertThat(store.state("refs/build/poll")).contains("second");
        assertThat(store.state("gone")).isEmpty();
        assertThat(store.recover().counter()).isEqualTo(2);
    }

    @Test
    void aLaterBatchReplacesARunAndEndingItMovesItToTheArchiveListing() {
        RunRecord active = TestRuns.pend("h1", 1, "build", T0).activated("h1", T0.plusSeconds(1));
        store.commit(new StoreBatch().run(active));
        assertThat(ids(store.list(RunQuery.of("build", RunStatus.ACTIVE, 10)))).containsExactly("h1-1");

        RunRecord ended = active.archived(T0.plusSeconds(30), true, "end node complete");
        store.commit(new StoreBatch().run(ended));

        assertThat(store.list(RunQuery.of("build", RunStatus.ACTIVE, 10)).runs()).isEmpty();
        RunPage archive = store.list(RunQuery.of("build", RunStatus.ARCHIVED, 10));
        assertThat(archive.runs()).containsExactly(ended);
        assertThat(archive.runs().get(0).summaryStatus()).isEqualTo("good");
        assertThat(archive.runs().get(0).endReason()).isEqualTo("end node complete");
        assertThat(archive.next()).isNull();
    }

    @Test
    void pagesOf100ThroughTheArchiveOfOneFlowGiveEveryRunOnceNewestFirst() {
        List<RunRecord> build = new ArrayList<>();
        StoreBatch batch = new StoreBatch();
        for (int i = 0; i < 250; i++) {
            // three runs per millisecond, from two hosts, at different nanoseconds: ties are broken by run id
            Instant adopted = T0.plusMillis(i / 3).plusNanos(1000L * (i % 3));
            RunRecord r = TestRuns.archived(i % 2 == 0 ? "h1" : "h2", 1000 + i, "build", adopted);
            build.add(r);
            batch.run(r);
            batch.run(TestRuns.archived("h3", 5000 + i, "deploy", adopted)); // another flow, same times
        }
        batch.run(TestRuns.pend("h1", 9000, "build", T0.plusSeconds(99))); // same flow, other status
        store.commit(batch);

        List<RunRecord> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        RunQuery query = RunQuery.of("build", RunStatus.ARCHIVED, 100);
        RunPage page = store.list(query);
        while (true) {
            sizes.add(page.runs().size());
            seen.addAll(page.runs());
            if (page.next() == null) {
                break;
            }
            // the cursor goes out to a client as text and comes back
            RunCursor cursor = RunCursor.parse(page.next().toString()).orElseThrow();
            page = store.list(query.after(cursor));
        }

        assertThat(sizes).containsExactly(100, 100, 50);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(build);
        assertThat(seen).isSortedAccordingTo((a, b) -> ListingKey.NEWEST_FIRST.compare(ListingKey.of(a),
                ListingKey.of(b)));
        assertThat(seen.get(0).id()).isEqualTo(new HostedRef("h2", 1249)); // the newest
        assertThat(seen.get(249).id()).isEqualTo(new HostedRef("h1", 1000)); // the oldest
    }

    @Test
    void aListingOfAllFlowsInSeveralStatesMergesThemNewestFirst() {
        RunRecord oldArchived = TestRuns.archived("h1", 1, "build", T0);
        RunRecord active = TestRuns.pend("h1", 2, "deploy", T0.plusSeconds(10)).activated("h1", T0.plusSeconds(11));
        RunRecord newArchived = TestRuns.archived("h1", 3, "test", T0.plusSeconds(20));
        RunRecord pending = TestRuns.pend("h1", 4, "build", T0.plusSeconds(30));
        store.commit(new StoreBatch().run(oldArchived).run(active).run(newArchived).run(pending));

        RunQuery query = new RunQuery("", EnumSet.of(RunStatus.ACTIVE, RunStatus.ARCHIVED), 2, null);
        RunPage first = store.list(query);
        assertThat(ids(first)).containsExactly("h1-3", "h1-2");
        RunPage second = store.list(query.after(first.next()));
        assertThat(ids(second)).containsExactly("h1-1");
        assertThat(second.next()).isNull();

        assertThat(ids(store.list(new RunQuery("", null, 0, null)))).containsExactly("h1-4", "h1-3", "h1-2", "h1-1");
        assertThat(ids(store.list(new RunQuery("build", null, 10, null)))).containsExactly("h1-4", "h1-1");
        assertThat(store.list(RunQuery.of("nope", RunStatus.ARCHIVED, 10)).runs()).isEmpty();
    }

    @Test
    void aFilteredListingKeepsRunsByOutcomeStarterTriggerValueAndTimeAndPagesThroughThem() {
        RunRecord good = started(TestRuns.archivedAs("h1", 1, "build", T0, true, "end node complete"),
                Provenance.user("alice"), "main");
        RunRecord bad = started(TestRuns.archivedAs("h1", 2, "build", T0.plusSeconds(10), false, "end node complete"),
                new Provenance(Provenance.Starter.WEBHOOK, "https://git.example/widget", "d-1"), "dev");
        RunRecord cancelled = started(TestRuns.archivedAs("h1", 3, "build", T0.plusSeconds(20), false,
                RunResult.cancelledReason("cancelled by bob")), new Provenance(Provenance.Starter.TIMER, "nightly", ""),
                "main");
        RunRecord running = started(TestRuns.pend("h1", 4, "build", T0.plusSeconds(30)).activated("h1",
                T0.plusSeconds(31)), new Provenance(Provenance.Starter.POLL, "https://git.example/widget", "main"),
                "main");
        RunRecord pending = started(TestRuns.pend("h1", 5, "build", T0.plusSeconds(40)), Provenance.user("bob"),
                "main");
        RunRecord otherFlow = started(TestRuns.archivedAs("h1", 6, "deploy", T0.plusSeconds(5), false, "x"),
                Provenance.user("alice"), "dev");
        StoreBatch batch = new StoreBatch().run(good).run(bad).run(cancelled).run(running).run(pending).run(otherFlow);
        for (int i = 0; i < 30; i++) { // newer runs none of the filters below keep, so pages skip over them
            batch.run(started(TestRuns.archivedAs("h1", 100 + i, "build", T0.plusSeconds(100 + i), true, "done"),
                    Provenance.user("carol"), "feature/x"));
        }
        store.commit(batch);
        RunQuery all = new RunQuery("build", null, 10, null);

        assertThat(ids(store.list(all.filtered(outcomes(RunFilter.Outcome.BAD))))).containsExactly("h1-2");
        assertThat(ids(store.list(all.filtered(outcomes(RunFilter.Outcome.CANCELLED, RunFilter.Outcome.RUNNING,
                RunFilter.Outcome.PENDING))))).containsExactly("h1-5", "h1-4", "h1-3");
        assertThat(ids(store.list(all.filtered(by(Set.of(), "alice"))))).containsExactly("h1-1");
        assertThat(ids(store.list(all.filtered(by(Set.of(Provenance.Starter.WEBHOOK, Provenance.Starter.TIMER),
                ""))))).containsExactly("h1-3", "h1-2");
        assertThat(ids(store.list(all.filtered(by(Set.of(Provenance.Starter.USER), "bob"))))).containsExactly("h1-5");
        assertThat(ids(store.list(new RunQuery("", null, 10, null, value("ref", "dev"))))).containsExactly("h1-2",
                "h1-6");
        assertThat(ids(store.list(all.filtered(value("count", "7")).filtered(new RunFilter(
                Set.of(RunFilter.Outcome.GOOD), null, Map.of("count", "7"), null, null))))).hasSize(10);
        assertThat(ids(store.list(all.filtered(value("nested", "x"))))).isEmpty();
        assertThat(ids(store.list(all.filtered(new RunFilter(null, null, null, T0.plusSeconds(10),
                T0.plusSeconds(30)))))).containsExactly("h1-3", "h1-2");

        // a page of 2 of the runs of main on the archive skips the 30 newer ones, and the cursor goes on from there
        RunQuery main = new RunQuery("build", EnumSet.of(RunStatus.ARCHIVED), 1, null, value("ref", "main"));
        RunPage first = store.list(main);
        assertThat(ids(first)).containsExactly("h1-3");
        RunPage second = store.list(main.after(first.next()));
        assertThat(ids(second)).containsExactly("h1-1");
        assertThat(second.next()).isNull();
    }

    private static RunRecord started(RunRecord r, Provenance by, String ref) {
        Map<String, Object> opts = new java.util.LinkedHashMap<>(r.opts());
        opts.put("ref", ref);
        return new RunRecord(r.ref(), r.flow(), r.trigger(), by.stamp(opts), r.status(), r.adopted(), r.started(),
                r.ended(), r.good(), r.endReason());
    }

    private static RunFilter outcomes(RunFilter.Outcome... o) {
        return new RunFilter(Set.of(o), null, null, null, null);
    }

    private static RunFilter by(Set<Provenance.Starter> kinds, String name) {
        return new RunFilter(null, new RunFilter.StarterMatch(kinds, name), null, null, null);
    }

    private static RunFilter value(String name, String text) {
        return new RunFilter(null, null, Map.of(name, text), null, null);
    }

    @Test
    protected void recoveryGivesTheCounterAndThePendingAndActiveRunsWithTheirNodesButNotTheArchive() {
        RunRecord pend1 = TestRuns.pend("h1", 4, "build", T0.plusSeconds(4));
        RunRecord pend2 = TestRuns.pend("h1", 5, "build", T0.plusSeconds(5));
        RunRecord active = TestRuns.pend("h1", 2, "build", T0.plusSeconds(2)).activated("h1", T0.plusSeconds(3));
        NodeRecord running = NodeRecord.startedTask("build", T0.plusSeconds(3));
        RunRecord archived = TestRuns.archived("h1", 1, "build", T0);
        store.commit(new StoreBatch().counter(5).run(pend2).run(pend1).run(active).node(active.id(), running)
                .run(archived).node(archived.id(), TestRuns.finishedTask("build", T0)));

        RunStore.Recovery r = recovered();

        assertThat(r.counter()).isEqualTo(5);
        assertThat(r.pending()).extracting(StoredRun::record).containsExactly(pend1, pend2); // oldest first
        assertThat(r.active()).containsExactly(new StoredRun(active, Map.of("build", running)));
    }

    /** The recovery a host would see on its next start. */
    protected RunStore.Recovery recovered() {
        return store.recover();
    }

    @Test
    void namedStateIsStoredReplacedAndDeleted() {
        // floe-spec §7.7 STORE-01, adapted: a key with a slash holds a text
        store.commit(new StoreBatch().state("foo/bar", "test data"));
        assertThat(store.state("foo/bar")).contains("test data");

        store.commit(new StoreBatch().state("foo/bar", "{\"RepoURL\":\"git@x\"}"));
        assertThat(store.state("foo/bar")).contains("{\"RepoURL\":\"git@x\"}");

        store.commit(new StoreBatch().state("foo/bar", null));
        assertThat(store.state("foo/bar")).isEmpty();
    }

    @Test
    void aBatchThatCannotBeSavedWritesNothing() {
        RunRecord run = TestRuns.pend("h1", 1, "build", T0);
        store.commit(new StoreBatch().counter(1).run(run).state("k", "before"));

        StoreBatch bad = new StoreBatch().counter(2).state("k", "after")
                .run(TestRuns.pend("h1", 2, "build", T0.plusSeconds(1)))
                .node(run.id(), NodeRecord.startedTask("build", T0))
                .node(run.id(), null);
        assertThatThrownBy(() -> store.commit(bad)).hasMessageContaining("node record of run h1-1 is null");

        assertThat(store.recover().counter()).isEqualTo(1);
        assertThat(store.state("k")).contains("before");
        assertThat(store.find(new HostedRef("h1", 2))).isEmpty();
        assertThat(store.find(run.id()).orElseThrow().nodes()).isEmpty();

        assertThatThrownBy(() -> store.commit(new StoreBatch().run(null))).hasMessageContaining("run record is null");
        assertThatThrownBy(() -> store.commit(new StoreBatch().run(TestRuns.pend("h1", 0, "build", T0))))
                .hasMessageContaining("no run number");
    }

    @Test
    void aTaskLogGivesBackItsLinesByRange() {
        HostedRef run = new HostedRef("h1", 1);
        TaskLogs logs = store.logs();
        assertThat(logs.read(run, "build", 0, 10)).isEmpty();

        logs.append(run, "build", "compiling");
        logs.append(run, "build", "");
        logs.append(run, "build", "naïve ✓ 日本");
        logs.append(run, "build", "two\nlines stay one");
        logs.append(run, "test", "other node");
        logs.flush(run, "build");
        logs.append(run, "build", "after flush");

        assertThat(logs.read(run, "build", 0, 100))
                .containsExactly("compiling", "", "naïve ✓ 日本", "two lines stay one", "after flush");
        assertThat(logs.read(run, "build", 2, 2)).containsExactly("naïve ✓ 日本", "two lines stay one");
        assertThat(logs.read(run, "build", 4, 100)).containsExactly("after flush");
        assertThat(logs.read(run, "build", 5, 100)).isEmpty();
        assertThat(logs.read(run, "build", 0, 0)).isEmpty();
        assertThat(logs.read(run, "test", 0, 10)).containsExactly("other node");
        assertThat(logs.read(new HostedRef("h1", 2), "build", 0, 10)).isEmpty();
    }

    @Test
    void a100000LineLogIsReadBackFromAnyLine() {
        HostedRef run = new HostedRef("h1", 7);
        TaskLogs logs = store.logs();
        for (int i = 0; i < 100_000; i++) {
            logs.append(run, "build", "line " + i + " of the build output");
        }
        logs.flush(run, "build");

        assertThat(logs.read(run, "build", 54_321, 3)).containsExactly("line 54321 of the build output",
                "line 54322 of the build output", "line 54323 of the build output");
        assertThat(logs.read(run, "build", 0, 1)).containsExactly("line 0 of the build output");
        assertThat(logs.read(run, "build", 99_998, 10)).containsExactly("line 99998 of the build output",
                "line 99999 of the build output");
        List<String> all = logs.read(run, "build", 0, 200_000);
        assertThat(all).hasSize(100_000);
        assertThat(all.get(77_777)).isEqualTo("line 77777 of the build output");
    }

    @Test
    void nodesOfARunAppendInParallelAndEachKeepsItsOrder() throws Exception {
        HostedRef run = new HostedRef("h1", 3);
        TaskLogs logs = store.logs();
        List<String> nodes = List.of("build", "test & lint", "../escape", "deploy/prod", "a", "A", "ünïcode", ".");
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String node : nodes) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        logs.append(run, node, node + " " + i);
                    }
                    logs.flush(run, node);
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String node : nodes) {
            List<String> expected = IntStream.range(0, 5000).mapToObj(i -> node + " " + i).toList();
            assertThat(logs.read(run, node, 0, 10_000)).as(node).isEqualTo(expected);
        }
    }

    @Test
    void readersOnOtherThreadsNeverSeeHalfABatch() throws Exception {
        int runs = 500;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> hub = pool.submit(() -> {
                for (int i = 1; i <= runs; i++) {
                    RunRecord r = TestRuns.pend("h1", i, "build", T0.plusMillis(i)).activated("h1", T0.plusMillis(i));
                    store.commit(new StoreBatch().counter(i).run(r)
                            .node(r.id(), NodeRecord.startedTask("build", T0.plusMillis(i)))
                            .node(r.id(), TestRuns.mergeWaiting("join", T0.plusMillis(i))));
                }
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                readers.add(pool.submit(() -> {
                    int checked = 0;
                    boolean last = false;
                    while (!last) {
                        last = hub.isDone(); // one more round after the hub's last commit
                        for (RunRecord r : store.list(RunQuery.of("build", RunStatus.ACTIVE, 5)).runs()) {
                            StoredRun found = store.find(r.id()).orElseThrow();
                            assertThat(found.nodes()).as("nodes of " + r.id()).containsOnlyKeys("build", "join");
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            hub.get(120, TimeUnit.SECONDS);
            for (Future<Integer> f : readers) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.recover().active()).hasSize(runs);
        assertThat(store.recover().counter()).isEqualTo(runs);
    }

    protected static List<String> ids(RunPage page) {
        return page.runs().stream().map(r -> r.id().toString()).toList();
    }
}
