package io.floe.engine.trigger;

import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.spi.RunStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the {@code timer} triggers of a config. Each timer's next fire time is kept in the run store and saved in the
 * same transaction that adopts the run it fires, so a restart neither skips a fire that fell due while the host was
 * down (it fires once, at start) nor fires one twice. A new timer first fires one period (or the next cron minute)
 * after it is first seen.
 */
public final class TimerTriggers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TimerTriggers.class);
    /** How early a scheduler may run a fire; a saved time less than this ahead is due now. */
    private static final java.time.Duration EARLY = java.time.Duration.ofMillis(50);

    private final RunStore store;
    private final ScheduledExecutorService scheduler;
    private final TriggerSink sink;
    private final Clock clock;
    private final java.util.function.Consumer<Map<String, String>> saveState;
    private final java.util.function.BooleanSupplier mayFire;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    /** Bumped by every {@link #schedule}: a fire already under way for an older config must not reschedule itself. */
    private long generation;
    private boolean closed;

    /** @param saveState saves a timer's first fire time, so restarts before it do not keep pushing it back */
    public TimerTriggers(RunStore store, ScheduledExecutorService scheduler, TriggerSink sink,
            java.util.function.Consumer<Map<String, String>> saveState, Clock clock) {
        this(store, scheduler, sink, saveState, clock, () -> true);
    }

    /**
     * @param mayFire false while another host of the cluster fires timers (a shared store gives that role to one
     *                host); each fire then follows the next fire time the firing host saved, so a timer fires once
     *                per period across the cluster, also when the role moves
     */
    public TimerTriggers(RunStore store, ScheduledExecutorService scheduler, TriggerSink sink,
            java.util.function.Consumer<Map<String, String>> saveState, Clock clock,
            java.util.function.BooleanSupplier mayFire) {
        this.mayFire = mayFire;
        this.store = store;
        this.scheduler = scheduler;
        this.sink = sink;
        this.saveState = saveState;
        this.clock = clock;
    }

    /** The store key of a timer's next fire time. */
    static String key(FlowConfig flow, NodeConfig trigger) {
        return "timer/" + flow.ref() + "/" + trigger.id();
    }

    /** Schedules every timer trigger of {@code config}, replacing what was scheduled before. */
    public synchronized void schedule(FloeConfig config) {
        cancelAll();
        generation++;
        for (FlowConfig flow : config.flows()) {
            for (NodeConfig t : flow.triggers()) {
                if ("timer".equals(t.type())) {
                    try {
                        TimerSchedule schedule = TimerSchedule.of(t);
                        String key = key(flow, t);
                        Optional<Instant> saved = stored(key);
                        Instant next = saved.orElseGet(() -> schedule.next(clock.instant()));
                        if (saved.isEmpty()) {
                            saveState.accept(Map.of(key, Long.toString(next.toEpochMilli())));
                        }
                        at(generation, next, flow, t, schedule);
                    } catch (RuntimeException e) {
                        log.error("timer {} of flow {} is not scheduled: {}", t.id(), flow.ref(), e.getMessage());
                    }
                }
            }
        }
    }

    private Optional<Instant> stored(String key) {
        try {
            return store.state(key).map(v -> Instant.ofEpochMilli(Long.parseLong(v.trim())));
        } catch (RuntimeException e) {
            log.warn("ignoring unreadable timer state {}: {}", key, e.getMessage());
            return Optional.empty();
        }
    }

    private synchronized void at(long gen, Instant when, FlowConfig flow, NodeConfig t, TimerSchedule schedule) {
        if (closed || gen != generation) {
            return;
        }
        long delay = Math.max(0, when.toEpochMilli() - clock.millis());
        scheduled.removeIf(ScheduledFuture::isDone);
        scheduled.add(scheduler.schedule(() -> fire(gen, flow, t, schedule), delay, TimeUnit.MILLISECONDS));
    }

    private synchronized boolean current(long gen) {
        return !closed && gen == generation;
    }

    private void fire(long gen, FlowConfig flow, NodeConfig t, TimerSchedule schedule) {
        if (!current(gen)) {
            return; // the config changed while this fire waited to run
        }
        // the saved next fire time is the cluster's: when it is still ahead, another host fired this period already
        Optional<Instant> saved = stored(key(flow, t));
        if (saved.isPresent() && saved.get().isAfter(clock.instant().plus(EARLY))) {
            at(gen, saved.get(), flow, t, schedule);
            return;
        }
        if (!mayFire.getAsBoolean()) {
            at(gen, schedule.next(clock.instant()), flow, t, schedule);
            return;
        }
        Instant next = schedule.next(clock.instant());
        Event e = Event.of(RunRef.unadopted(flow.ref()), t.ref(), Tags.inbound("timer"), false, t.opts());
        try {
            sink.fire(e, Map.of(key(flow, t), Long.toString(next.toEpochMilli())))
                    .whenComplete((outcome, err) -> {
                        if (err != null) {
                            log.error("timer {} of flow {} failed to fire", t.id(), flow.ref(), err);
                        }
                    });
        } catch (RuntimeException ex) {
            log.error("timer {} of flow {} failed to fire", t.id(), flow.ref(), ex);
        }
        at(gen, next, flow, t, schedule);
    }

    private void cancelAll() {
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
        cancelAll();
    }
}
