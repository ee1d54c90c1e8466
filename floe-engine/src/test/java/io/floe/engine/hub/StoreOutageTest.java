package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.OfferResult;
import io.floe.engine.StoreHealth;
import io.floe.engine.StoreUnavailable;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.FaultyRunStore;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn is durable or it did not happen: while the run store cannot write, triggers are refused and nothing of them
 * runs, task ends wait in memory and start nothing, and once the store writes again the runs finish, each once.
 */
class StoreOutageTest {
    @TempDir
    Path dir;

    private String flows() {
        Path marks = dir.resolve("marks");
        return """
                flows:
                  - id: quick
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - {name: mark, listen: trigger.good, type: exec, opts: {shell: "echo ran >> %1$s/quick"}}
                      - {name: end, listen: task.mark.good, type: end}
                  - id: build
                    ver: 1
                    triggers: [{name: go, type: data}]
                    tasks:
                      - name: first
                        listen: trigger.good
                        type: exec
                        opts: {shell: "while [ ! -f %2$s ]; do sleep 0.02; done; echo ran >> %1$s/first"}
                      - {name: second, listen: task.first.good, type: exec, opts: {shell: "echo ran >> %1$s/second"}}
                      - {name: end, listen: task.second.good, type: end}
                """.formatted(marks, dir.resolve("go"));
    }

    private TestHost start(FaultyRunStore store) throws Exception {
        Files.createDirectories(dir.resolve("marks"));
        return TestHost.start(flows(), dir, store, b -> b);
    }

    @Test
    void aTriggerTheStoreCannotSaveIsRefusedAndNothingOfItEverRuns() throws Exception {
        FaultyRunStore store = new FaultyRunStore(LocalRunStore.open(dir.resolve("root")));
        try (TestHost h = start(store)) {
            store.fillDisk();

            TriggerOutcome refused = h.floe.trigger("quick", "go", Map.of()).join();

            assertThat(refused.pends()).isEmpty();
            assertThat(refused.storeCannotWrite()).isTrue();
            assertThat(refused.status()).isEqualTo(TriggerOutcome.Status.STORE_UNAVAILABLE);
            assertThat(refused.errors()).singleElement().asString().contains("the run store cannot write: ",
                    "SQLITE_FULL", "the trigger was not adopted");
            StoreHealth down = h.floe.storeHealth();
            assertThat(down.problem()).hasValueSatisfying(p -> assertThat(p).contains("SQLITE_FULL"));
            assertThat(down.failedCommits()).isPositive();

            store.freeSpace();
            HostedRef run = h.trigger("quick");
            assertThat(h.events.awaitEnd(run).good()).isTrue();

            HostedRef never = new HostedRef("h1", run.id() - 1);
            assertThat(h.floe.run(never)).isEmpty();
            assertThat(h.events.of(never)).isEmpty(); // nothing of the refused trigger was published
            assertThat(Files.readAllLines(dir.resolve("marks/quick"))).hasSize(1);
            assertThat(h.floe.storeHealth().writes()).isTrue();
            assertThat(h.floe.storeHealth().failedCommits()).isGreaterThanOrEqualTo(down.failedCommits());
        }
    }

    @Test
    void aTaskEndingWhileTheStoreCannotWriteStartsNothingUntilItIsSavedThenTheRunFinishesOnce() throws Exception {
        Path root = dir.resolve("root");
        FaultyRunStore store = new FaultyRunStore(LocalRunStore.open(root));
        HostedRef run;
        try (TestHost h = start(store)) {
            run = h.trigger("build");
            h.events.await(e -> e.runRef().run().equals(run) && e.tag().equals(Tags.SYS_NODE_START)
                    && e.sourceNode().id().equals("first"));
            store.fillDisk();
            Files.createFile(dir.resolve("go")); // task first ends now, while its end cannot be saved

            awaitTrue(() -> h.floe.storeHealth().unsavedChanges() > 0);
            assertThat(h.floe.storeHealth().problem()).isPresent();
            assertThat(Files.readAllLines(dir.resolve("marks/first"))).hasSize(1);
            assertThat(dir.resolve("marks/second")).doesNotExist(); // its start waits for the commit
            assertThat(h.events.tags(run)).doesNotContain("task.first.good"); // not published as fact
            assertThat(h.stored(run).nodes().get("first").stopped()).isNull(); // the store has it running
            assertThat(h.floe.storeHealth().problem()).isPresent();

            store.freeSpace();

            Event end = h.events.awaitEnd(run);
            assertThat(end.good()).isTrue();
            awaitTrue(() -> h.floe.storeHealth().writes());
            assertThat(Files.readAllLines(dir.resolve("marks/second"))).hasSize(1);
            assertThat(h.events.of(run).stream().filter(e -> e.tag().equals(Tags.SYS_END_ALL))).hasSize(1);
            List<String> tags = h.events.tags(run);
            assertThat(tags.indexOf("task.first.good")).isLessThan(tags.indexOf("task.second.good"));
            assertThat(h.stored(run).record().status()).isEqualTo(RunStatus.ARCHIVED);
        }
        try (LocalRunStore again = LocalRunStore.open(root)) { // and so it stays after a restart
            assertThat(again.recover().active()).isEmpty();
            assertThat(again.find(run).orElseThrow().record().status()).isEqualTo(RunStatus.ARCHIVED);
        }
        assertThat(Files.readAllLines(dir.resolve("marks/first"))).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("marks/second"))).hasSize(1);
    }

    @Test
    void dataForARunIsRefusedWhileChangesWaitForTheStore() throws Exception {
        FaultyRunStore store = new FaultyRunStore(LocalRunStore.open(dir.resolve("root")));
        try (TestHost h = start(store)) {
            HostedRef run = h.trigger("build");
            h.events.await(e -> e.runRef().run().equals(run) && e.tag().equals(Tags.SYS_NODE_START));
            store.fillDisk();
            Files.createFile(dir.resolve("go"));
            awaitTrue(() -> h.floe.storeHealth().unsavedChanges() > 0);

            var answer = h.floe.supplyData(run, "first", Map.of("x", "y"));

            assertThat(answer).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                    .havingRootCause().isInstanceOf(StoreUnavailable.class)
                    .withMessageContaining("the run store cannot write: ").withMessageContaining("nothing was changed");
            store.freeSpace();
            assertThat(h.events.awaitEnd(run).good()).isTrue();
        }
    }

    @Test
    void aPendOfferedWhileTheStoreCannotWriteIsRefusedAndStartsOnceWhenOfferedAgainLater() throws Exception {
        FaultyRunStore store = new FaultyRunStore(LocalRunStore.open(dir.resolve("root")));
        try (TestHost h = start(store)) {
            FlowConfig flow = h.floe.config().latest("quick").orElseThrow();
            RunRecord pend = new RunRecord(new RunRef(flow.ref(), new HostedRef("h2", 7), ""), flow,
                    flow.trigger("go").orElseThrow().ref(), Map.of(), RunStatus.PENDING, Instant.now(), null, null,
                    false, "");
            store.fillDisk();

            assertThat(h.floe.offer(pend)).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                    .havingRootCause().isInstanceOf(StoreUnavailable.class);
            assertThat(h.floe.run(pend.id())).isEmpty();
            assertThat(h.events.of(pend.id())).isEmpty();

            store.freeSpace(); // the offering host keeps its pend and offers it again
            assertThat(h.floe.offer(pend).join()).isEqualTo(OfferResult.STARTED);
            assertThat(h.events.awaitEnd(pend.id()).good()).isTrue();
            assertThat(Files.readAllLines(dir.resolve("marks/quick"))).hasSize(1);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        Await.until(condition);
    }
}
