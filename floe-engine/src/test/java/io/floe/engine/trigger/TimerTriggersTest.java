package io.floe.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.hub.TestHost;
import io.floe.engine.run.LocalRunStore;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoreBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timer triggers (floe-spec §4.9, HUB-05) with persisted fire times. */
class TimerTriggersTest {
    @TempDir
    Path dir;

    private static String flow(String opts) {
        return """
                flows:
                  - id: tick
                    ver: 1
                    triggers:
                      - {name: every, type: timer, opts: %s}
                    tasks:
                      - {name: say, listen: trigger.good, type: exec, opts: {cmd: "echo tick"}}
                      - {name: end, listen: task.say.good, type: end}
                """.formatted(opts);
    }

    /** HUB-05: a timer with a period of one second fires within two, and starts a run of its flow. */
    @Test
    void aOneSecondTimerFiresAndStartsARun() throws Exception {
        Instant started = Instant.now();
        try (TestHost h = TestHost.start(flow("{period: 1, branch: main}"), dir)) {
            Event fired = h.events.await(e -> e.tag().equals("inbound.timer"), Duration.ofSeconds(5));
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(5));
            assertThat(fired.sourceNode().id()).isEqualTo("every");
            Event trigger = h.events.await(e -> e.tag().equals(Tags.TRIGGER_GOOD));
            assertThat(trigger.opts()).containsEntry("branch", "main");
            assertThat(io.floe.engine.run.Provenance.of(h.stored(trigger.runRef().run()).record().opts()))
                    .isEqualTo(new io.floe.engine.run.Provenance(io.floe.engine.run.Provenance.Starter.TIMER, "every",
                            ""));
            h.events.awaitEnd(trigger.runRef().run());
        }
    }

    @Test
    void aFireThatFellDueWhileTheHostWasDownHappensOnceAtStart() throws Exception {
        Path storeRoot = dir.resolve("store-root");
        String yaml = flow("{period: 3600}");
        try (LocalRunStore store = LocalRunStore.open(storeRoot)) {
            // the host was down when this timer was due, ten minutes ago
            store.commit(new StoreBatch().state("timer/tick-1/every",
                    Long.toString(Instant.now().minusSeconds(600).toEpochMilli())));
        }
        HostedRef first;
        try (LocalRunStore store = LocalRunStore.open(storeRoot); TestHost h = TestHost.start(yaml, dir, store,
                b -> b)) {
            Event fired = h.events.await(e -> e.tag().equals(Tags.TRIGGER_GOOD), Duration.ofSeconds(10));
            first = fired.runRef().run();
            h.events.awaitEnd(first);
            long next = Long.parseLong(store.state("timer/tick-1/every").orElseThrow());
            assertThat(next).isGreaterThan(Instant.now().plusSeconds(3500).toEpochMilli());
        }
        try (LocalRunStore store = LocalRunStore.open(storeRoot); TestHost h = TestHost.start(yaml, dir, store,
                b -> b)) {
            // started again: the next fire is an hour away, so nothing fires now
            // a due fire would have been scheduled at once at start; a run of our own shows the host has moved on
            HostedRef probe = h.trigger("tick", "every", java.util.Map.of("period", 3600, "probe", "yes"));
            h.events.awaitEnd(probe);
            assertThat(h.events.all()).filteredOn(e -> e.tag().equals("inbound.timer"))
                    .allMatch(e -> "yes".equals(e.opts().get("probe")));
            assertThat(h.floe.runs(RunQuery.of("tick", RunStatus.ARCHIVED, 10)).runs()).hasSize(2);
        }
    }

    @Test
    void theFirstFireTimeIsKeptAcrossRestarts() throws Exception {
        Path storeRoot = dir.resolve("store-root");
        String saved;
        try (LocalRunStore store = LocalRunStore.open(storeRoot); TestHost h = TestHost.start(flow("{cron: '0 3 * * *'}"),
                dir, store, b -> b)) {
            h.floe.runs(RunQuery.of("tick", RunStatus.ARCHIVED, 1)); // the host is up
            saved = awaitState(store, "timer/tick-1/every");
        }
        try (LocalRunStore store = LocalRunStore.open(storeRoot); TestHost h = TestHost.start(flow("{cron: '0 3 * * *'}"),
                dir, store, b -> b)) {
            assertThat(store.state("timer/tick-1/every")).contains(saved);
        }
        Instant at = Instant.ofEpochMilli(Long.parseLong(saved));
        assertThat(at.atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(3);
        assertThat(at.atZone(java.time.ZoneOffset.UTC).getMinute()).isZero();
    }

    private static String awaitState(LocalRunStore store, String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.state(key).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no state " + key);
            }
            Thread.sleep(20);
        }
        return store.state(key).get();
    }
}
