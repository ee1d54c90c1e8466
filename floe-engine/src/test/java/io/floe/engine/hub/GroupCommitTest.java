package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.event.Event;
import io.floe.engine.event.EventObserver;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.ForwardingRunStore;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.StoreException;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on the real local store (issue 21 §2): the hub writes turns and goes on routing while another thread
 * forces the disk once for many of them. Nothing of a turn — a trigger's answer, a task start, a run's end event — may
 * reach anyone before the disk holds it; and a force that fails tells nothing more and takes no more work, while a
 * restart goes on from what the disk holds.
 */
class GroupCommitTest {
    private static final String FLOW = """
            flows:
              - id: three
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: t1, listen: trigger.good, type: checked}
                  - {name: t2, listen: trigger.good, type: checked}
                  - {name: t3, listen: trigger.good, type: checked}
                  - {name: all, class: merge, type: all, wait: [task.t1.good, task.t2.good, task.t3.good]}
                  - {name: done, listen: merge.all.good, type: end}
            """;

    @TempDir
    Path dir;

    /** What was told before the disk held it; must stay empty. */
    private final List<String> toldEarly = Collections.synchronizedList(new ArrayList<>());
    private final List<HostedRef> started = Collections.synchronizedList(new ArrayList<>());

    @Test
    void nothingOfATurnIsToldBeforeTheDiskHoldsIt() throws Exception {
        ForceWatchingStore store = new ForceWatchingStore(LocalRunStore.open(dir.resolve("root")));
        List<HostedRef> answered = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean enough = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (TestHost h = TestHost.start(FLOW, dir, store, types(store))) {
            h.floe.observe(endsChecked(store));
            List<Future<?>> each = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                each.add(clients.submit(() -> {
                    while (!enough.get()) {
                        TriggerOutcome o = h.floe.trigger("three", "go", Map.of()).join();
                        HostedRef run = o.pends().get(0).id();
                        if (!store.holds(run)) {
                            toldEarly.add("answer of " + run);
                        }
                        answered.add(run);
                        h.events.awaitEnd(run);
                    }
                    return null;
                }));
            }
            Await.until(() -> answered.size() >= 400);
            enough.set(true);
            for (Future<?> f : each) {
                f.get(60, TimeUnit.SECONDS);
            }
            List<HostedRef> all = List.copyOf(answered);
            for (HostedRef run : all) {
                assertThat(h.events.awaitEnd(run).good()).as("run %s", run).isTrue();
            }
            assertThat(toldEarly).isEmpty();
            assertThat(started).hasSize(3 * all.size());
            assertThat(h.floe.runs(new RunQuery("three", EnumSet.of(RunStatus.ARCHIVED), 100_000, null)).runs())
                    .extracting(RunRecord::id).containsExactlyInAnyOrderElementsOf(all);
            // not asserted (a disk may be fast enough to force each turn alone), but shown: how many turns a force served
            System.out.printf("group commit: %d writes, %d forces%n", store.writes.get(), store.forces.get());
        } finally {
            enough.set(true);
            clients.shutdownNow();
        }
    }

    @Test
    void aForceThatFailsTellsNothingMoreAndTheHostTakesNoMoreWorkUntilItStartsAgain() throws Exception {
        ForceWatchingStore store = new ForceWatchingStore(LocalRunStore.open(dir.resolve("root")));
        List<HostedRef> before = new ArrayList<>();
        HostedRef unknown;
        try (TestHost h = TestHost.start(FLOW, dir, store, types(store))) {
            for (int i = 0; i < 5; i++) {
                before.add(h.trigger("three"));
            }
            for (HostedRef run : before) {
                assertThat(h.events.awaitEnd(run).good()).isTrue();
            }
            store.failForces.set(true); // as the disk answers a failed write-back: EIO from fdatasync

            TriggerOutcome lost = h.floe.trigger("three", "go", Map.of()).join();
            assertThat(lost.status()).isEqualTo(TriggerOutcome.Status.STORE_UNAVAILABLE);
            assertThat(lost.errors()).singleElement().asString()
                    .contains("Input/output error", "may or may not have been saved", "restart the host");
            unknown = store.lastRunWritten;
            Await.until(() -> !h.floe.storeHealth().writes());
            assertThat(h.floe.storeHealth().problem()).get().asString().contains("Input/output error");

            store.failForces.set(false); // a later force that succeeds proves nothing of the pages lost before it
            TriggerOutcome refused = h.floe.trigger("three", "go", Map.of()).join();
            assertThat(refused.status()).isEqualTo(TriggerOutcome.Status.STORE_UNAVAILABLE);
            assertThat(refused.errors()).singleElement().asString().contains("nothing was changed");
            assertThat(started).doesNotContain(unknown); // nothing of the unforced turn started
            assertThat(h.events.of(unknown)).isEmpty(); // nor was told
            assertThat(h.floe.storeHealth().writes()).isFalse();
        }
        // the next start goes on from what the disk holds: here the unforced turn did reach it, so its run is there and
        // ends once, as after a crash: its tasks, never started, are interrupted
        try (TestHost h = TestHost.start(FLOW, dir, LocalRunStore.open(dir.resolve("root")), types(null))) {
            h.events.awaitEnd(unknown);
            List<HostedRef> archived = h.floe.runs(new RunQuery("three", EnumSet.of(RunStatus.ARCHIVED), 1000, null))
                    .runs().stream().map(RunRecord::id).toList();
            assertThat(archived).containsAll(before).contains(unknown).hasSize(before.size() + 1);
        }
        assertThat(toldEarly).isEmpty();
    }

    private NodeTypes types(ForceWatchingStore store) {
        return NodeTypes.discover().with(new TaskType() {
            @Override
            public String name() {
                return "checked";
            }

            @Override
            public CompletionStage<TaskResult> start(TaskContext ctx) {
                HostedRef run = ctx.run().run();
                if (store != null && !store.holds(run)) {
                    toldEarly.add("task " + ctx.node().id() + " of " + run);
                }
                started.add(run);
                return CompletableFuture.completedFuture(TaskResult.status(0));
            }
        });
    }

    /** Notes a run's end event told before the write that ended the run was forced. */
    private EventObserver endsChecked(ForceWatchingStore store) {
        return (Event e) -> {
            if (e.tag().equals(Tags.SYS_END_ALL) && !store.holdsEnd(e.runRef().run())) {
                toldEarly.add("end of " + e.runRef().run());
            }
        };
    }

    /**
     * The real local store, noting for each run the write that first held it and the one that ended it, and which
     * writes were forced (counted before each force starts, so a write that races with it is not counted as forced).
     * Its forces can be made to fail as a disk's write-back error does.
     */
    private static final class ForceWatchingStore extends ForwardingRunStore {
        final AtomicLong writes = new AtomicLong();
        final AtomicLong forces = new AtomicLong();
        final AtomicBoolean failForces = new AtomicBoolean();
        private volatile long forcedUpTo;
        private final Map<HostedRef, Long> firstWrite = new ConcurrentHashMap<>();
        private final Map<HostedRef, Long> endWrite = new ConcurrentHashMap<>();
        volatile HostedRef lastRunWritten;

        ForceWatchingStore(RunStore store) {
            super(store);
        }

        boolean holds(HostedRef run) {
            Long w = firstWrite.get(run);
            return w != null && w <= forcedUpTo;
        }

        boolean holdsEnd(HostedRef run) {
            Long w = endWrite.get(run);
            return w != null && w <= forcedUpTo;
        }

        @Override
        public Forcing write(StoreBatch batch) {
            Forcing forcing = store.write(batch);
            long n = writes.incrementAndGet();
            for (StoreBatch.Change c : batch.changes()) {
                if (c instanceof StoreBatch.Run r) {
                    firstWrite.putIfAbsent(r.record().id(), n);
                    lastRunWritten = r.record().id();
                    if (r.record().status() == RunStatus.ARCHIVED) {
                        endWrite.putIfAbsent(r.record().id(), n);
                    }
                }
            }
            return () -> {
                long upTo = writes.get();
                if (failForces.get()) {
                    throw new StoreException("could not force the run store's log to the disk:"
                            + " java.io.IOException: Input/output error (injected by the test)", null);
                }
                forcing.force();
                forces.incrementAndGet();
                forcedUpTo = Math.max(forcedUpTo, upTo);
            };
        }
    }
}
