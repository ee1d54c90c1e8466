package io.floe.standalone.metrics;

import io.floe.engine.Floe;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Subscription;
import io.floe.engine.event.Tags;
import io.floe.engine.run.RunResult;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The host's metrics, fed by its events: runs started ({@code sys.state activate}) and ended ({@code sys.end.all},
 * by result), events published, and task durations by node type ({@code sys.node.start} to the task's
 * {@code task.<id>.*} event); pending and active runs and websocket clients are read when scraped.
 */
public final class FloeMetrics implements AutoCloseable {
    /** Tasks whose end never came (their run ended first) are forgotten with the run; this bounds the rest. */
    private static final int MAX_RUNNING = 100_000;

    private record TaskKey(HostedRef run, String nodeId) {}

    private record Start(long nanos, String type) {}

    private final Floe floe;
    private final IntSupplier socketClients;
    private final LongSupplier socketDropped;
    private final LongSupplier nanoTime;
    private final LongAdder started = new LongAdder();
    private final LongAdder endedGood = new LongAdder();
    private final LongAdder endedBad = new LongAdder();
    private final LongAdder endedCancelled = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final Map<String, Histogram> durations = new ConcurrentHashMap<>();
    private final Map<TaskKey, Start> running = new ConcurrentHashMap<>();
    private final Subscription subscription;

    private FloeMetrics(Floe floe, IntSupplier socketClients, LongSupplier socketDropped, LongSupplier nanoTime) {
        this.floe = floe;
        this.socketClients = socketClients;
        this.socketDropped = socketDropped;
        this.nanoTime = nanoTime;
        this.subscription = floe.observe(this::record);
    }

    /** Starts counting {@code floe}'s events; the websocket figures are read at each scrape. */
    public static FloeMetrics observe(Floe floe, IntSupplier socketClients, LongSupplier socketDropped) {
        return new FloeMetrics(floe, socketClients, socketDropped, System::nanoTime);
    }

    /** Stops counting. */
    @Override
    public void close() {
        subscription.close();
    }

    private void record(Event e) {
        events.increment();
        String tag = e.tag();
        if (Tags.SYS_STATE.equals(tag) && Tags.ACTION_ACTIVATE.equals(e.opts().get("action"))) {
            started.increment();
        } else if (Tags.SYS_END_ALL.equals(tag)) {
            switch (RunResult.ofEnd(e.good(), e.opts())) {
                case GOOD -> endedGood.increment();
                case BAD -> endedBad.increment();
                case CANCELLED -> endedCancelled.increment();
            }
            HostedRef run = e.runRef().run();
            running.keySet().removeIf(k -> k.run().equals(run));
        } else if (Tags.SYS_NODE_START.equals(tag)) {
            if (running.size() < MAX_RUNNING) {
                running.put(new TaskKey(e.runRef().run(), e.sourceNode().id()), new Start(nanoTime.getAsLong(),
                        nodeType(e)));
            }
        } else if (tag.startsWith("task.") && "task".equals(e.sourceNode().nodeClass())
                && tag.startsWith("task." + e.sourceNode().id() + ".")) {
            Start s = running.remove(new TaskKey(e.runRef().run(), e.sourceNode().id()));
            if (s != null) {
                durations.computeIfAbsent(s.type(), t -> new Histogram(Histogram.TASK_SECONDS))
                        .observe((nanoTime.getAsLong() - s.nanos()) / 1e9);
            }
        }
    }

    /** The node's type from the flow the run executes (the config's, or the stored run's for flow-file flows). */
    private String nodeType(Event e) {
        String nodeId = e.sourceNode().id();
        return floe.config().flow(e.runRef().flowRef()).flatMap(f -> f.task(nodeId))
                .or(() -> floe.run(e.runRef().run()).flatMap(r -> r.record().flow().task(nodeId)))
                .map(NodeConfig::type).orElse("unknown");
    }

    /** All metrics in the Prometheus text format. */
    public String scrape() {
        PrometheusText t = new PrometheusText();
        t.family("floe_runs_started_total", "counter", "Runs this host activated (started executing).")
                .sample("floe_runs_started_total", started.sum());
        t.family("floe_runs_ended_total", "counter", "Runs this host ended, by result.")
                .sample("floe_runs_ended_total", Map.of("result", "good"), endedGood.sum())
                .sample("floe_runs_ended_total", Map.of("result", "bad"), endedBad.sum())
                .sample("floe_runs_ended_total", Map.of("result", "cancelled"), endedCancelled.sum());
        t.family("floe_events_routed_total", "counter", "Events this host published (every tag, system ones too).")
                .sample("floe_events_routed_total", events.sum());
        t.family("floe_runs_pending", "gauge", "Runs adopted by this host and waiting to start.")
                .sample("floe_runs_pending", floe.pendingCount());
        t.family("floe_runs_active", "gauge", "Runs executing on this host.")
                .sample("floe_runs_active", floe.activeCount());
        var store = floe.storeHealth();
        t.family("floe_store_commit_failures_total", "counter",
                "Commits of the hub's turns that the run store refused (full disk, database down...).")
                .sample("floe_store_commit_failures_total", store.failedCommits());
        t.family("floe_store_unsaved_changes", "gauge",
                "Changes made on this host that wait in memory for the run store to write again.")
                .sample("floe_store_unsaved_changes", store.unsavedChanges());
        t.family("floe_websocket_clients", "gauge", "Clients connected to the live event stream /ws.")
                .sample("floe_websocket_clients", socketClients.getAsInt());
        t.family("floe_websocket_clients_dropped_total", "counter",
                "Websocket clients dropped because they fell behind or could not be written to.")
                .sample("floe_websocket_clients_dropped_total", socketDropped.getAsLong());
        t.family("floe_task_duration_seconds", "histogram",
                "How long tasks ran, from start to their result, by node type.");
        for (Map.Entry<String, Histogram> h : new TreeMap<>(durations).entrySet()) {
            Histogram.Snapshot s = h.getValue().snapshot();
            for (int i = 0; i < s.bounds().length; i++) {
                String le = PrometheusText.number(s.bounds()[i]);
                t.sample("floe_task_duration_seconds_bucket", labels(h.getKey(), le), s.cumulative()[i]);
            }
            t.sample("floe_task_duration_seconds_bucket", labels(h.getKey(), "+Inf"), s.count());
            t.sample("floe_task_duration_seconds_sum", Map.of("type", h.getKey()), s.sum());
            t.sample("floe_task_duration_seconds_count", Map.of("type", h.getKey()), s.count());
        }
        return t.text();
    }

    private static Map<String, String> labels(String type, String le) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("type", type);
        m.put("le", le);
        return m;
    }
}
