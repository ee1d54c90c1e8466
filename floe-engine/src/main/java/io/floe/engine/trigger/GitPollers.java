package io.floe.engine.trigger;

import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.event.Event;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.node.git.GitChange;
import io.floe.engine.node.git.GitPoll;
import io.floe.engine.spi.RunStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code poll-git} triggers of a config (floe-spec §4.9): every {@code period} seconds (default 10) each
 * lists its repository's refs and fires {@code inbound.poll-git} with {@code url}, {@code branch} and {@code hash} for
 * every ref that is new or moved since the last poll; the first poll only records. Each poll runs on its own, off the
 * scheduler's thread, so a slow or failing repository delays no other poll; a failing one is logged and retried with
 * back-off (up to {@value #MAX_BACKOFF_MINUTES} minutes), and never stops the host. The refs seen are kept in the run
 * store, so a restart does not fire again for refs that did not move.
 */
public final class GitPollers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GitPollers.class);
    static final long DEFAULT_PERIOD_SECONDS = 10;
    static final long MAX_BACKOFF_MINUTES = 5;

    private final RunStore store;
    private final ScheduledExecutorService scheduler;
    private final Executor blocking;
    private final TriggerSink sink;
    private final Consumer<Map<String, String>> saveState;
    private final java.util.function.BooleanSupplier mayPoll;
    private final List<Poller> pollers = new ArrayList<>();
    private boolean closed;

    public GitPollers(RunStore store, ScheduledExecutorService scheduler, Executor blocking, TriggerSink sink,
            Consumer<Map<String, String>> saveState) {
        this(store, scheduler, blocking, sink, saveState, () -> true);
    }

    /**
     * @param mayPoll false while another host of the cluster polls (a shared store gives that role to one host);
     *                the refs seen are in the shared store, so whichever host polls next fires each change once
     */
    public GitPollers(RunStore store, ScheduledExecutorService scheduler, Executor blocking, TriggerSink sink,
            Consumer<Map<String, String>> saveState, java.util.function.BooleanSupplier mayPoll) {
        this.mayPoll = mayPoll;
        this.store = store;
        this.scheduler = scheduler;
        this.blocking = blocking;
        this.sink = sink;
        this.saveState = saveState;
    }

    /** The store key of a trigger's refs, as the original named it. */
    static String key(FlowConfig flow, NodeConfig trigger) {
        return "refs/" + flow.id() + "/" + trigger.id();
    }

    /** Starts polling every poll-git trigger of {@code config}, replacing the pollers of a previous config. */
    public synchronized void schedule(FloeConfig config) {
        stopAll();
        for (FlowConfig flow : config.flows()) {
            for (NodeConfig t : flow.triggers()) {
                if (!"poll-git".equals(t.type())) {
                    continue;
                }
                try {
                    GitPoll poll = GitPoll.fromOpts(t.opts(), config.common().gitKey());
                    long period = Opts.integer(t.opts(), "period").orElse(DEFAULT_PERIOD_SECONDS);
                    Poller p = new Poller(flow, t, poll, Duration.ofSeconds(Math.max(1, period)));
                    pollers.add(p);
                    p.next(Duration.ZERO);
                } catch (RuntimeException e) {
                    log.error("poll-git trigger {} of flow {} is not polled: {}", t.id(), flow.ref(), e.getMessage());
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopAll();
    }

    private void stopAll() {
        pollers.forEach(Poller::stop);
        pollers.clear();
    }

    /** One trigger's polling: never two polls of it at once; failures back off. */
    private final class Poller {
        private final FlowConfig flow;
        private final NodeConfig trigger;
        private final GitPoll poll;
        private final Duration period;
        private final String key;
        private Duration backoff = Duration.ZERO;
        private volatile ScheduledFuture<?> pending;
        private volatile boolean stopped;

        Poller(FlowConfig flow, NodeConfig trigger, GitPoll poll, Duration period) {
            this.flow = flow;
            this.trigger = trigger;
            this.poll = poll;
            this.period = period;
            this.key = key(flow, trigger);
        }

        void next(Duration delay) {
            synchronized (GitPollers.this) {
                if (stopped || closed) {
                    return;
                }
                pending = scheduler.schedule(() -> blocking.execute(this::pollOnce), delay.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }

        void stop() {
            stopped = true;
            ScheduledFuture<?> p = pending;
            if (p != null) {
                p.cancel(false);
            }
        }

        private void pollOnce() {
            if (stopped) {
                return;
            }
            if (!mayPoll.getAsBoolean()) {
                next(period);
                return;
            }
            try {
                GitPoll.Result r = poll.poll(store.state(key).orElse(null));
                backoff = Duration.ZERO;
                Map<String, String> state = Map.of(key, r.stateJson());
                if (r.changes().isEmpty()) {
                    saveState.accept(state);
                }
                for (GitChange c : r.changes()) {
                    log.info("poll-git {}: {} moved to {}", poll.url(), c.ref(), c.hash());
                    sink.fire(Event.of(RunRef.unadopted(flow.ref()), trigger.ref(), Tags.inbound("poll-git"), false,
                            c.opts()), state);
                }
                next(period);
            } catch (Exception | Error e) {
                backoff = backoff.isZero() ? period : backoff.multipliedBy(2);
                Duration max = Duration.ofMinutes(MAX_BACKOFF_MINUTES);
                if (backoff.compareTo(max) > 0) {
                    backoff = max;
                }
                log.error("poll-git {} of flow {} failed: {}; next try in {} s", poll.url(), flow.ref(),
                        e.getMessage(), backoff.toSeconds());
                next(backoff);
            }
        }
    }
}
