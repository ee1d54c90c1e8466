package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.FaultyRunStore;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store stops writing while 8 clients trigger runs back to back (adoptions whose runs start in the same commit,
 * tasks started and ended, runs ended), and writes again later: every trigger is either answered with a run that then
 * runs once to its end, or refused, and a refused one leaves nothing, in the store or in the events: no task of a turn
 * that was not saved is started or told.
 */
class OutageUnderLoadTest {
    private static final String FLOW = """
            flows:
              - id: three
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: t1, listen: trigger.good, type: counted}
                  - {name: t2, listen: trigger.good, type: counted}
                  - {name: t3, listen: trigger.good, type: counted}
                  - {name: all, class: merge, type: all, wait: [task.t1.good, task.t2.good, task.t3.good]}
                  - {name: done, listen: merge.all.good, type: end}
            """;

    @TempDir
    Path dir;

    /** Every task start, as run and node: a task of a turn that was not saved must never start. */
    private final List<String> starts = Collections.synchronizedList(new ArrayList<>());

    /** A task that starts no process, ends at once and notes that it started. */
    private final class Counted implements TaskType {
        @Override
        public String name() {
            return "counted";
        }

        @Override
        public CompletionStage<TaskResult> start(TaskContext ctx) {
            starts.add(ctx.run().run() + "/" + ctx.node().id());
            return CompletableFuture.completedFuture(TaskResult.status(0));
        }
    }

    @Test
    void triggersUnderWayWhenTheStoreStopsWritingAreEachRefusedOrRunOnce() throws Exception {
        FaultyRunStore store = new FaultyRunStore(LocalRunStore.open(dir.resolve("root")));
        List<TriggerOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean enough = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (TestHost h = TestHost.start(FLOW, dir, store, NodeTypes.discover().with(new Counted()))) {
            List<Future<?>> each = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                each.add(clients.submit(() -> {
                    while (!enough.get()) {
                        outcomes.add(h.floe.trigger("three", "go", Map.of()).join());
                    }
                    return null;
                }));
            }
            Await.until(() -> outcomes.size() >= 100);
            store.fillDisk();
            Await.until(() -> refused(outcomes) >= 10);
            int before = outcomes.size();
            store.freeSpace();
            Await.until(() -> outcomes.size() >= before + 100 && h.floe.storeHealth().writes());
            enough.set(true);
            for (Future<?> f : each) {
                f.get(30, TimeUnit.SECONDS);
            }

            List<HostedRef> answered;
            synchronized (outcomes) {
                answered = outcomes.stream().flatMap(o -> o.pends().stream()).map(RunRecord::id).toList();
                assertThat(outcomes).allSatisfy(o -> assertThat(o.pends().isEmpty()).isEqualTo(o.storeCannotWrite()));
            }
            for (HostedRef run : answered) {
                assertThat(h.events.awaitEnd(run).good()).as("run %s", run).isTrue();
            }
            Set<HostedRef> stored = h.floe.runs(new RunQuery("three", EnumSet.allOf(RunStatus.class), 100_000, null))
                    .runs().stream().filter(r -> r.status() == RunStatus.ARCHIVED && r.good()).map(RunRecord::id)
                    .collect(Collectors.toSet());
            assertThat(stored).containsExactlyInAnyOrderElementsOf(answered);
            assertThat(h.floe.runs(new RunQuery("three", EnumSet.allOf(RunStatus.class), 100_000, null)).runs())
                    .hasSameSizeAs(answered); // nothing of a refused trigger was saved
            Set<HostedRef> told = h.events.all().stream().map(e -> e.runRef().run()).filter(r -> r.id() != 0)
                    .collect(Collectors.toSet());
            assertThat(told).isSubsetOf(answered); // nor published
            List<String> expectedStarts = answered.stream()
                    .flatMap(run -> List.of("t1", "t2", "t3").stream().map(t -> run + "/" + t)).toList();
            synchronized (starts) { // each task of a saved run started once; none of a refused one
                assertThat(starts).containsExactlyInAnyOrderElementsOf(expectedStarts);
            }
            for (HostedRef run : answered) {
                List<Event> events = h.events.of(run);
                assertThat(events.stream().filter(e -> e.tag().equals(Tags.SYS_NODE_START)))
                        .as("task starts of run %s", run).hasSize(3);
                assertThat(events.stream().filter(e -> e.tag().equals(Tags.SYS_END_ALL))).hasSize(1);
            }
        } finally {
            enough.set(true);
            clients.shutdownNow();
        }
    }

    private static int refused(List<TriggerOutcome> outcomes) {
        synchronized (outcomes) {
            return (int) outcomes.stream().filter(TriggerOutcome::storeCannotWrite).count();
        }
    }
}
