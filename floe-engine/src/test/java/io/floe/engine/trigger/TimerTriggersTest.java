package io.floe.engine.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.TestClock;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.hub.TestHost;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunStatus;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.store.local.LocalRunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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

    /** HUB-05: a timer with a period of one second fires when a second has passed, not before, and again after. */
    @Test
    void aOneSecondTimerFiresAndStartsARun() throws Exception {
        TestClock clock = new TestClock();
        try (TestHost h = TestHost.start(flow("{period: 1, branch: main}"), dir,
                b -> b.clock(clock).scheduler(clock.scheduler()))) {
            clock.advance(Duration.ofMillis(999));
            assertThat(clock.waiting()).isEqualTo(1);
            assertThat(h.events.all()).noneMatch(e -> e.tag().equals("inbound.timer"));

            clock.advance(Duration.ofMillis(1));
            Event fired = h.events.await(e -> e.tag().equals("inbound.timer"));
            assertThat(fired.sourceNode().id()).isEqualTo("every");
            Event trigger = h.events.await(e -> e.tag().equals(Tags.TRIGGER_GOOD));
            assertThat(trigger.opts()).containsEntry("branch", "main");
            assertThat(io.floe.engine.run.Provenance.of(h.stored(trigger.runRef().run()).record().opts()))
                    .isEqualTo(new io.floe.engine.run.Provenance(io.floe.engine.run.Provenance.Starter.TIMER, "every",
                            ""));
            h.events.awaitEnd(trigger.runRef().run());

            clock.advance(Duration.ofSeconds(1));
            Event second = h.events.await(e -> e.tag().equals(Tags.TRIGGER_GOOD)
                    && !e.runRef().run().equals(trigger.runRef().run()));
            h.events.awaitEnd(second.runRef().run());
        }
    }

    @Test
    void aFireThatFellDueWhileTheHostWasDownHappensOnceAtStart() throws Exception {
        TestClock clock = new TestClock();
        Path storeRoot = dir.resolve("store-root");
        String yaml = flow("{period: 3600}");
        try (LocalRunStore store = LocalRunStore.open(storeRoot)) {
            // the host was down when this timer was due, ten minutes ago
            store.commit(new StoreBatch().state("timer/tick-1/every",
                    Long.toString(clock.instant().minusSeconds(600).toEpochMilli())));
        }
        HostedRef first;
        try (LocalRunStore store = LocalRunStore.open(storeRoot); TestHost h = TestHost.start(yaml, dir, store,
                b -> b.clock(clock).scheduler(clock.scheduler()))) {
            clock.advance(Duration.ZERO); // the fire that is due now, and nothing else
            Event fired = h.events.await(e -> e.tag().equals(Tags.TRIGGER_GOOD));
            first = fired.runRef().run();
            h.events.awaitEnd(first);
            Await.until(() -> store.state("timer/tick-1/every")
                    .equals(Optional.of(Long.toString(clock.instant().plusSeconds(3600).toEpochMilli()))));
        }
        try (LocalRunStore store = LocalRunStore.open(storeRoot); TestHost h = TestHost.start(yaml, dir, store,
                b -> b.clock(clock).scheduler(clock.scheduler()))) {
            // started again: the next fire is an hour away, so nothing fires in the next 59 minutes
            clock.advance(Duration.ofMinutes(59));
            // a fire would have been adopted before this run of our own, which shows the host has moved on
            HostedRef probe = h.trigger("tick", "every", java.util.Map.of("period", 3600, "probe", "yes"));
            h.events.awaitEnd(probe);
            assertThat(h.events.all()).filteredOn(e -> e.tag().equals("inbound.timer"))
                    .allMatch(e -> "yes".equals(e.opts().get("probe")));
            assertThat(h.floe.runs(RunQuery.of("tick", RunStatus.ARCHIVED, 10)).runs()).hasSize(2);

            clock.advance(Duration.ofMinutes(1)); // the hour is up
            Await.until(() -> h.floe.runs(RunQuery.of("tick", RunStatus.ARCHIVED, 10)).runs().size() == 3);
        }
    }

    @Test
    void theFirstFireTimeIsKeptAcrossRestarts() throws Exception {
        TestClock clock = new TestClock();
        Path storeRoot = dir.resolve("store-root");
        String saved;
        try (LocalRunStore store = LocalRunStore.open(storeRoot); TestHost h = TestHost.start(flow("{cron: '0 3 * * *'}"),
                dir, store, b -> b.clock(clock).scheduler(clock.scheduler()))) {
            saved = Await.value("the first fire time is saved", Await.DEADLINE,
                    () -> store.state("timer/tick-1/every").orElse(null));
        }
        clock.advance(Duration.ofHours(1)); // a restart an hour later keeps it
        try (LocalRunStore store = LocalRunStore.open(storeRoot); TestHost h = TestHost.start(flow("{cron: '0 3 * * *'}"),
                dir, store, b -> b.clock(clock).scheduler(clock.scheduler()))) {
            assertThat(store.state("timer/tick-1/every")).contains(saved);
        }
        // the clock starts at 09:00 UTC: the next 03:00 is the next day's
        assertThat(Instant.ofEpochMilli(Long.parseLong(saved)))
                .isEqualTo(TestClock.START.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(27)));
    }
}
