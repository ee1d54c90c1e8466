package io.floe.engine.store.local;

import static io.floe.engine.run.TestRuns.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.RunStoreContract;
import io.floe.engine.run.StoredRun;
import io.floe.engine.run.TestRuns;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The run store contract on SQLite, recovery after a real close and reopen, and what only a file store can get wrong. */
class LocalRunStoreTest extends RunStoreContract {
    @Override
    protected RunStore open(Path dir) {
        return LocalRunStore.open(dir);
    }

    /** Recovery as the next host process sees it: from the file, after this store is closed. */
    @Override
    protected RunStore.Recovery recovered() {
        store.close();
        store = open(dir);
        return store.recover();
    }

    @Test
    void aCommitRefusedByAFullDatabaseWritesNothingAndTheNextOneSucceedsOnceThereIsRoomAgain() {
        LocalRunStore local = (LocalRunStore) store;
        RunRecord first = TestRuns.pend("h1", 1, "build", T0);
        store.commit(new StoreBatch().counter(1).run(first));
        local.capPages(pageCount(local));
        RunRecord second = TestRuns.pend("h1", 2, "build", T0.plusSeconds(1));
        StoreBatch big = new StoreBatch().counter(2).run(second).state("big", "x".repeat(200_000));

        assertThatThrownBy(() -> store.commit(big)).isInstanceOf(StoreException.class)
                .hasMessageContaining("none of them was written");
        assertThat(store.find(second.id())).isEmpty();
        assertThatThrownBy(() -> store.commit(big)).isInstanceOf(StoreException.class); // still full: still refused

        local.capPages(Integer.MAX_VALUE); // space freed
        store.commit(big);
        assertThat(store.find(second.id())).isPresent();
        assertThat(store.state("big")).hasValueSatisfying(v -> assertThat(v).hasSize(200_000));
        assertThat(recovered().pending()).extracting(r -> r.record().id()).containsExactly(first.id(), second.id());
    }

    private static long pageCount(LocalRunStore s) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + s.file());
                var rs = c.createStatement().executeQuery("PRAGMA page_count")) {
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theStoreLivesInOneDatabaseFileUnderStoreRoot() {
        assertThat(((LocalRunStore) store).file()).isEqualTo(dir.toAbsolutePath().resolve("store/floe.db"));
        assertThat(dir.resolve("store/floe.db")).isRegularFile();
    }

    @Test
    void everythingCommittedIsThereAfterAReopen() {
        RunRecord archived = TestRuns.archived("h1", 1, "build", T0);
        NodeRecord task = TestRuns.finishedTask("build", T0);
        store.commit(new StoreBatch().counter(1).run(archived).node(archived.id(), task).state("foo/bar", "test data"));
        store.logs().append(archived.id(), "build", "first");
        store.logs().flush(archived.id(), "build");

        store.close();
        store = open(dir);

        assertThat(store.find(archived.id())).contains(new StoredRun(archived, Map.of("build", task)));
        assertThat(store.list(RunQuery.of("build", RunStatus.ARCHIVED, 10)).runs()).containsExactly(archived);
        assertThat(store.state("foo/bar")).contains("test data");
        assertThat(store.recover().counter()).isEqualTo(1);
        // a recovered active run gets one more line (the hub's "interrupted by host restart"): numbering continues
        store.logs().append(archived.id(), "build", "second");
        assertThat(store.logs().read(archived.id(), "build", 0, 10)).containsExactly("first", "second");
    }

    @Test
    void aStoreThatSurvivesOnlyProcessCrashesKeepsItsRunsAcrossAReopenToo() {
        Path root = dir.resolve("fast");
        RunRecord run = TestRuns.pend("h1", 1, "build", T0);
        try (LocalRunStore fast = LocalRunStore.open(root, LocalRunStore.Durability.PROCESS_CRASH)) {
            fast.commit(new StoreBatch().counter(1).run(run));
            fast.logs().append(run.id(), "build", "line");
            fast.logs().flush(run.id(), "build");
        }
        try (LocalRunStore again = LocalRunStore.open(root)) {
            assertThat(again.recover().pending()).containsExactly(new StoredRun(run, Map.of()));
            assertThat(again.logs().read(run.id(), "build", 0, 5)).containsExactly("line");
        }
    }

    @Test
    void aGarbageDatabaseFileIsReportedByName() throws Exception {
        store.close();
        Path other = dir.resolve("other");
        Path db = other.resolve("store/floe.db");
        Files.createDirectories(db.getParent());
        Files.write(db, "this is not a database, just some text that is long enough to look like a header"
                .repeat(100).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> LocalRunStore.open(other))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(db.toAbsolutePath().toString())
                .hasMessageContaining("not a database")
                .hasMessageContaining("move it aside");
        store = open(dir); // for the after-each close
    }

    @Test
    void aSecondOpenOfTheSameStoreIsRefused() {
        assertThatThrownBy(() -> LocalRunStore.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("in use by another floe host")
                .hasMessageContaining(dir.toAbsolutePath().resolve("store").toString());
        // the refused open left the first one working
        store.commit(new StoreBatch().state("still", "works"));
        assertThat(store.state("still")).contains("works");
    }

    @Test
    void aFailureHalfwayThroughACommitRollsBackWhatWasAlreadyWritten() {
        RunRecord run = TestRuns.pend("h1", 1, "build", T0);
        store.commit(new StoreBatch().counter(1).run(run));

        // the counter and the run are written before the node, whose NaN JSON cannot hold
        NodeRecord unsavable = NodeRecord.startedTask("build", T0)
                .finished(T0.plusSeconds(1), true, 0, "", Map.of("ratio", Double.NaN));
        RunRecord active = run.activated("h1", T0.plusSeconds(1));
        assertThatThrownBy(() -> store.commit(new StoreBatch().counter(2).run(active).node(run.id(), unsavable)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.toAbsolutePath().resolve("store/floe.db").toString())
                .hasMessageContaining("none of them was written");

        assertThat(store.recover().counter()).isEqualTo(1);
        assertThat(store.find(run.id()).orElseThrow()).isEqualTo(new StoredRun(run, Map.of()));
        // and the store goes on working
        store.commit(new StoreBatch().run(active));
        assertThat(store.find(run.id()).orElseThrow().record()).isEqualTo(active);
    }

    @Test
    void numbersComeBackAsLongOrDoubleWithTheirValues() {
        NodeConfig task = new NodeConfig("task", null, "t", "T", "x", List.of(), "exec", List.of(0), false, false,
                "", Map.of("retries", 3, "ratio", 0.25), 0);
        FlowConfig flow = TestRuns.flow("nums", 1).withTasks(List.of(task));
        RunRecord pend = TestRuns.pend("h1", 1, "nums", T0);
        RunRecord run = new RunRecord(pend.ref(), flow, pend.trigger(), Map.of("count", 7, "half", 0.5f),
                RunStatus.PENDING, T0, null, null, false, "");
        store.commit(new StoreBatch().run(run));

        RunRecord back = store.find(run.id()).orElseThrow().record();
        assertThat(back.opts()).containsEntry("count", 7L).containsEntry("half", 0.5);
        assertThat(Opts.integer(back.opts(), "count")).hasValue(7);
        assertThat(back.flow().tasks().get(0).opts()).containsEntry("retries", 3L).containsEntry("ratio", 0.25);
        assertThat(back.flow().tasks().get(0).good()).containsExactly(0);
    }

    @Test
    void aFlowKeepsEverythingButTheYamlFileAndLineItCameFrom() {
        FlowConfig plain = TestRuns.flow("build", 1);
        NodeConfig t = plain.tasks().get(0);
        NodeConfig withLine = new NodeConfig(t.nodeClass(), t.ref(), t.id(), t.name(), t.listen(), t.waits(),
                t.type(), t.good(), t.ignoreFail(), t.useStatus(), t.timeout(), t.opts(), 42);
        FlowConfig fromYaml = new FlowConfig(plain.id(), plain.ver(), plain.flowFile(), plain.name(),
                plain.reuseSpace(), plain.hostTags(), plain.resourceTags(), plain.env(), plain.triggers(),
                List.of(withLine, plain.tasks().get(1), plain.tasks().get(2)), "/etc/floe/config.yml", 12);
        RunRecord pend = TestRuns.pend("h1", 1, "build", T0);
        store.commit(new StoreBatch().run(new RunRecord(pend.ref(), fromYaml, pend.trigger(), pend.opts(),
                pend.status(), pend.adopted(), null, null, false, "")));

        assertThat(store.find(pend.id()).orElseThrow().record().flow()).isEqualTo(plain);
    }

    @Test
    void taskLogsAreFilesBesideTheDatabaseWhateverTheNodeIds() throws Exception {
        HostedRef run = new HostedRef("h1", 4);
        store.logs().append(run, "build", "hello");
        store.logs().append(run, "../../../outside", "no escape");
        store.logs().append(run, "a&b c", "amp");
        store.logs().flush(run, "build");
        store.logs().flush(run, "../../../outside");
        store.logs().flush(run, "a&b c");

        Path logs = dir.resolve("store/logs");
        assertThat(logs.resolve("h1-4/build.log")).hasContent("hello");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".log")))
                    .allSatisfy(f -> assertThat(f.toAbsolutePath()).startsWith(logs.resolve("h1-4").toAbsolutePath()))
                    .hasSize(3);
        }
        assertThat(store.logs().read(run, "../../../outside", 0, 5)).containsExactly("no escape");
        assertThat(store.logs().read(run, "a&b c", 0, 5)).containsExactly("amp");
    }
}
