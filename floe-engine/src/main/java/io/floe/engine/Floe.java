package io.floe.engine;

import io.floe.engine.artifact.ArtifactKeeper;
import io.floe.engine.artifact.ArtifactStore;
import io.floe.engine.artifact.TaskArtifacts;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.EventObserver;
import io.floe.engine.event.EventQueue;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Subscription;
import io.floe.engine.event.Tags;
import io.floe.engine.hub.Hub;
import io.floe.engine.hub.HubSettings;
import io.floe.engine.hub.TriggerIntake;
import io.floe.engine.node.TaskGuard;
import io.floe.engine.run.Provenance;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStores;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.FlowFileResolver;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.RemoteDispatch;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.SharedRunStore;
import io.floe.engine.spi.StoreSettings;
import io.floe.engine.trigger.GitPollers;
import io.floe.engine.trigger.TimerTriggers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One floe host: the entry point of the engine. Build it from a config with {@link #builder}, {@link #start} it, then
 * trigger flows, supply form data, cancel runs, list runs and observe events. Everything the standalone server and
 * the Jenkins plugin do goes through this class. Several instances may live in one JVM; each owns its threads and
 * store, released by {@link #close}.
 *
 * <pre>{@code
 * try (Floe floe = Floe.builder(ConfigLoader.load(path, NodeTypes.discover())).hostId("h1").build()) {
 *     floe.start();
 *     floe.observe(e -> System.out.println(e.tag()));
 *     floe.trigger(TriggerCall.of("build-project", "start", Map.of("branch", "main"))).join();
 * }
 * }</pre>
 */
public final class Floe implements AutoCloseable {
    private final AtomicReference<FloeConfig> config;
    private final HubSettings settings;
    private final RunStore store;
    private final boolean ownsStore;
    private final ExecutorService eventThreads;
    private final ExecutorService taskThreads;
    private final ScheduledExecutorService scheduler;
    private final EventQueue queue;
    private final Hub hub;
    private final TriggerIntake intake;
    private final FlowFileResolver flowFiles;
    private final TimerTriggers timers;
    private final GitPollers pollers;
    private final boolean scheduleTriggers;
    /** Keeps this host's task processes from outliving it; null where they are not guarded. */
    private final TaskGuard guard;
    private volatile boolean started;

    private Floe(Builder b, HubSettings settings, RunStore store, boolean ownsStore, TaskGuard guard) {
        this.config = new AtomicReference<>(b.config);
        this.settings = settings;
        this.store = store;
        this.ownsStore = ownsStore;
        this.eventThreads = Executors.newCachedThreadPool(new NamedThreads("events", settings.hostId()));
        this.taskThreads = Executors.newCachedThreadPool(new NamedThreads("task", settings.hostId()));
        this.scheduler = b.scheduler != null ? b.scheduler
                : Executors.newSingleThreadScheduledExecutor(new NamedThreads("timer", settings.hostId()));
        this.queue = new EventQueue(eventThreads);
        this.hub = new Hub(settings, store, queue, taskThreads, scheduler, b.remote);
        this.intake = new TriggerIntake(this.config::get, settings.types(), b.flowFiles, hub, queue, taskThreads);
        this.flowFiles = b.flowFiles;
        this.timers = new TimerTriggers(store, scheduler, intake::accept, hub::saveState, settings.clock(),
                hub::firesTriggers);
        this.pollers = new GitPollers(store, scheduler, taskThreads, intake::accept, hub::saveState,
                hub::firesTriggers);
        this.scheduleTriggers = b.scheduleTriggers;
        this.guard = guard;
        if (guard != null) {
            guard.vouchWhile(hub::vouchesForTasks);
        }
    }

    /** Starts building a host that runs the flows of {@code config}. */
    public static Builder builder(FloeConfig config) {
        return new Builder(config);
    }

    /** Recovers the store's runs (pends are dispatched, interrupted tasks get their error event) and starts routing. */
    public synchronized void start() {
        if (!started) {
            started = true;
            // before recovery reports their tasks interrupted; those left running on purpose are reattached
            hub.start(guard == null ? List.of() : guard.collectDetached());
            settings.artifacts().sweep();
            if (scheduleTriggers) {
                timers.schedule(config.get());
                pollers.schedule(config.get());
            }
        }
    }

    /**
     * Starts the runs {@code call} asks for ({@link TriggerCall}): one per flow it fires, each as a pend that starts as
     * soon as nothing conflicts. Completes when they are adopted (saved) or refused, with what happened to each flow;
     * fails with {@link IllegalArgumentException} when a call naming a flow and trigger names one the config does not
     * have, and with {@link io.floe.engine.ValuesRefused} when a data trigger's form does not take the values.
     */
    public CompletableFuture<TriggerOutcome> trigger(TriggerCall call) {
        return intake.accept(call);
    }

    /** {@link #trigger(TriggerCall)} with {@link TriggerCall#of}: trigger {@code triggerId} of flow {@code flowId}. */
    public CompletableFuture<TriggerOutcome> trigger(String flowId, String triggerId, Map<String, Object> values) {
        return trigger(TriggerCall.of(flowId, triggerId, values));
    }

    /**
     * Starts a new run with the flow definition and trigger values of ended run {@code old} ({@link
     * TriggerIntake#rerun}), recorded as a re-run of it by {@code by}.
     *
     * @throws java.util.NoSuchElementException when this host's store has no such run
     * @throws IllegalStateException            when it has not ended
     */
    public CompletableFuture<TriggerOutcome> rerun(HostedRef old, String by) {
        RunRecord rec = run(old).orElseThrow(() -> new java.util.NoSuchElementException("no run " + old
                + " in the run store of host " + hostId())).record();
        if (rec.ended() == null) {
            throw new IllegalStateException("run " + old + " has not ended: wait for its end, or cancel it, before"
                    + " re-running it");
        }
        return intake.rerun(rec, Provenance.rerun(by, old.toString()));
    }

    /**
     * Re-runs an ended run from a step (Jenkins' "restart from stage", GitHub's "re-run failed jobs"): a new run of its
     * flow definition with its trigger values, whose workspace starts as a copy of the old run's, that takes over the
     * old run's successful tasks and completed data nodes (their events are emitted again, their processes are not
     * started) and starts again at {@code from}: the failed, cancelled and interrupted steps, or a named node, and what
     * listens to them ({@link io.floe.engine.hub.RerunPlan}). With a null {@code from}, as {@link #rerun(HostedRef,
     * String)}.
     *
     * @throws java.util.NoSuchElementException when the run is not in this host's store
     * @throws io.floe.engine.RerunRefused  naming why it can not be re-run from there and what to do instead
     */
    public CompletableFuture<TriggerOutcome> rerun(HostedRef old, String by, io.floe.engine.run.RerunFrom from) {
        if (from == null) {
            return rerun(old, by);
        }
        StoredRun stored = run(old).orElseThrow(() -> new java.util.NoSuchElementException("no run " + old
                + " in the run store of host " + hostId()));
        io.floe.engine.hub.RerunPlan.check(stored, from, workspaceRoot());
        return intake.rerun(stored.record(), Provenance.rerun(by, old.toString(), from));
    }

    /** Supplies values to a data node that waits for them. Refused (with the reason) when it does not wait. */
    public CompletableFuture<DataReceipt> supplyData(HostedRef run, String nodeId, Map<String, Object> values) {
        return hub.supplyData(run, nodeId, values);
    }

    /** Cancels a pending or active run: its tasks are killed and it ends bad with the reason recorded. */
    public CompletableFuture<Boolean> cancel(HostedRef run, String reason) {
        return hub.cancel(run, reason);
    }

    /** Looks at waiting pends again (call when another host came online or finished a run). */
    public void redispatch() {
        hub.redispatch();
    }

    /**
     * A configured flow with its {@code flow-file} applied as this host applies it when a trigger with {@code opts}
     * fires (the flow itself when it has none). May block: it can read a file over http or from git.
     */
    public FlowConfig withFlowFile(FlowConfig configured, Map<String, Object> opts) throws Exception {
        return flowFiles.resolve(configured, opts);
    }

    /**
     * Offers a pend adopted by another host for execution here; one with no record of what started it is recorded as
     * started by that host ({@link Provenance#offered}). Only hosts on their own stores take offers (the original's
     * way); a host on a shared store answers {@link OfferResult#FAILED}: it claims its runs from the store.
     */
    public CompletableFuture<OfferResult> offer(RunRecord pend) {
        return hub.offer(new RunRecord(pend.ref(), pend.flow(), pend.trigger(), Provenance.offered(pend.opts(),
                pend.id().hostId()), pend.status(), pend.adopted(), pend.started(), pend.ended(), pend.good(),
                pend.endReason()));
    }

    /** True when this host shares its store with the other hosts of a cluster ({@code store-type: postgres}). */
    public boolean sharesStore() {
        return store instanceof SharedRunStore;
    }

    /** The hosts of the cluster as the shared store knows them; empty for a host-owned store. */
    public List<SharedRunStore.ClusterHost> clusterHosts() {
        return store instanceof SharedRunStore s ? s.hosts() : List.of();
    }

    /** Whether this host fires timers and polls now (on a shared store, one host of the cluster does). */
    public boolean firesTriggers() {
        return hub.firesTriggers();
    }

    /** Runs in the store, newest first, paged. */
    public RunPage runs(RunQuery query) {
        return store.list(query);
    }

    /** One run with its node records, as last saved. */
    public Optional<StoredRun> run(HostedRef id) {
        return store.find(id);
    }

    /** Up to {@code max} lines of a node's log from line {@code from}. */
    public List<String> log(HostedRef run, String nodeId, long from, int max) {
        return store.logs().read(run, nodeId, from, max);
    }

    /** The task logs of this host's store. */
    public io.floe.engine.spi.TaskLogs storeLogs() {
        return store.logs();
    }

    /** Every event from now on, in order, on a delivery of its own. */
    public Subscription observe(EventObserver observer) {
        return queue.observe(observer);
    }

    /** As {@link #observe(EventObserver)}, dropping the observer if more than {@code capacity} events wait for it. */
    public Subscription observe(EventObserver observer, int capacity) {
        return queue.observe(observer, capacity);
    }

    /**
     * The id of the newest event this host published (0 before the first). An observer that has seen an event with
     * this id has been handed every event published before the call: what an answer was published with, for one.
     */
    public long lastEventId() {
        return queue.lastId();
    }

    public FloeConfig config() {
        return config.get();
    }

    /**
     * Replaces the config, without a restart. New triggers use the new flows at once; runs already pending or active
     * go on with the flow definition they started with. Timers and git polls are registered again for the new
     * triggers: a timer that is still there keeps its saved next fire time, so nothing fires twice or is skipped; those
     * of removed triggers stop. The caller loads and checks the new config completely first (a config that does not
     * load never gets here).
     */
    public synchronized void reload(FloeConfig newConfig) {
        config.set(Objects.requireNonNull(newConfig, "config"));
        if (started && scheduleTriggers) {
            timers.schedule(newConfig);
            pollers.schedule(newConfig);
        }
    }

    public String hostId() {
        return settings.hostId();
    }

    public List<String> tags() {
        return settings.tags();
    }

    public Path workspaceRoot() {
        return settings.workspaceRoot();
    }

    /** The store root (the store is under {@code <root>/store}, the download cache in {@code <root>/fetch_cache}). */
    public Path storeRoot() {
        return settings.cacheRoot().getParent();
    }

    /** The files this host kept from its runs' tasks ({@code artifacts}), under {@code <store root>/artifacts}. */
    public ArtifactStore artifacts() {
        return new ArtifactStore(storeRoot());
    }

    /** Why a pending run has not started yet, or empty. */
    public Optional<String> waitReason(HostedRef run) {
        return hub.waitReason(run);
    }

    /** A run with its graph and node states, as the UIs draw it. */
    public Optional<io.floe.engine.view.RunView> runView(HostedRef id) {
        return store.find(id).map(r -> io.floe.engine.view.RunView.of(r, store.logs()));
    }

    /** Whether the run store saves this host's changes, and if not why (see {@link io.floe.engine.StoreHealth}). */
    public io.floe.engine.StoreHealth storeHealth() {
        return hub.storeHealth();
    }

    public int pendingCount() {
        return hub.pendingCount();
    }

    public int activeCount() {
        return hub.activeCount();
    }

    /** Stops routing and every running task, then releases threads and (if this host opened it) the store. */
    @Override
    public void close() {
        stop();
    }

    /**
     * A planned restart that keeps tasks: every running exec task this host's guard can detach goes on without it for
     * at most {@code common.task-grace}, its output and exit status kept in the task ledger, and the next process of
     * this host (same host id and store) reattaches it; the rest stops as with {@link #close()}. The number of tasks
     * left running.
     */
    public int closeKeepingTasks() {
        int kept = guard == null ? 0 : guard.detachAll();
        stop();
        return kept;
    }

    private void stop() {
        timers.close();
        pollers.close();
        hub.stop(10_000);
        if (guard != null) {
            guard.close();
        }
        scheduler.shutdownNow();
        taskThreads.shutdownNow();
        // a stopped task's thread may still be writing into the workspace (a checkout, its log): closed means done
        awaitEnd(taskThreads, java.time.Duration.ofSeconds(10));
        eventThreads.shutdown();
        if (ownsStore) {
            store.close();
        }
    }

    private void awaitEnd(ExecutorService threads, java.time.Duration limit) {
        try {
            if (!threads.awaitTermination(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                org.slf4j.LoggerFactory.getLogger(Floe.class).warn("host {}: task threads still run {} after close; they may write into the workspace",
                        settings.hostId(), limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link Floe}. Only the config is required. */
    public static final class Builder {
        private final FloeConfig config;
        private String hostId = "h1";
        private List<String> tags = List.of("master");
        private RunStore store;
        private Path workspaceRoot;
        private Path storeRoot;
        private ProcessLauncher launcher;
        private Map<String, String> baseEnv = System.getenv();
        private NodeTypes types;
        private FlowFileResolver flowFiles;
        private Clock clock = Clock.systemUTC();
        private TaskArtifacts artifacts;
        private ScheduledExecutorService scheduler;
        private boolean scheduleTriggers = true;
        private boolean oneRun;
        private Map<String, String> secretEnv = System.getenv();
        private RemoteDispatch remote = RemoteDispatch.NONE;

        private Builder(FloeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder hostId(String id) {
            this.hostId = id;
            return this;
        }

        public Builder tags(List<String> hostTags) {
            this.tags = List.copyOf(hostTags);
            return this;
        }

        /** A store to use instead of the one the config's {@code store-type} names; the caller closes it. */
        public Builder store(RunStore runStore) {
            this.store = runStore;
            return this;
        }

        /** Overrides the config's workspace-root (the {@code -root} flag); also the store root unless one is set. */
        public Builder workspaceRoot(Path root) {
            this.workspaceRoot = root;
            return this;
        }

        public Builder storeRoot(Path root) {
            this.storeRoot = root;
            return this;
        }

        public Builder launcher(ProcessLauncher processLauncher) {
            this.launcher = processLauncher;
            return this;
        }

        /** The environment task processes start from (default: this process's). */
        public Builder baseEnv(Map<String, String> env) {
            this.baseEnv = Map.copyOf(env);
            return this;
        }

        public Builder types(NodeTypes nodeTypes) {
            this.types = nodeTypes;
            return this;
        }

        public Builder flowFiles(FlowFileResolver resolver) {
            this.flowFiles = resolver;
            return this;
        }

        /** What is done with tasks' {@code artifacts}; by default they are kept under the store root. */
        public Builder artifacts(TaskArtifacts a) {
            this.artifacts = a;
            return this;
        }

        /** The time runs, nodes and timers are stamped with and timer triggers follow (default: the system's, UTC). */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /**
         * What timer triggers, the timer task, task timeouts and back-offs wait on (default: a thread of its own); the
         * host shuts it down on close. Tests pass one that moves with their {@link #clock}, so nothing waits for real.
         */
        public Builder scheduler(ScheduledExecutorService s) {
            this.scheduler = s;
            return this;
        }

        /**
         * How pends this host can not run reach other hosts when every host keeps its own store (default: they wait
         * here). Not used with a shared store, where hosts claim pends from the store.
         */
        public Builder remote(RemoteDispatch dispatch) {
            this.remote = dispatch;
            return this;
        }

        /**
         * A host that runs one run and exits ({@code floe run}): its tasks are each watched by a small watcher of their
         * own rather than by a guard process for the whole host, whose start (a second JVM) costs more than one run's
         * few tasks save. Either way a task cannot outlive its host. Default off.
         */
        public Builder oneRun(boolean on) {
            this.oneRun = on;
            return this;
        }

        /** Whether timers (and pollers) fire on their own; off for one-shot runs. Default on. */
        public Builder scheduleTriggers(boolean on) {
            this.scheduleTriggers = on;
            return this;
        }

        /** Where a shared store's user and password are read from (default: this process's environment). */
        public Builder secretEnv(Map<String, String> env) {
            this.secretEnv = Map.copyOf(env);
            return this;
        }

        public Floe build() {
            HostRoots roots = HostRoots.of(config.common(), workspaceRoot, storeRoot);
            NodeTypes t = types != null ? types : NodeTypes.discover();
            ProcessLauncher l = launcher != null ? launcher : Defaults.launcher();
            StoreSettings storeSettings = StoreOpening.settings(config.common(), roots.store(), hostId, secretEnv);
            TaskGuard guard = TaskGuard.find(storeSettings.hostLease().dividedBy(3),
                    TaskGrace.effective(config.common().taskGrace(), storeSettings),
                    roots.store().resolve("task-guards").resolve(hostId), hostId).orElse(null);
            if (guard != null) {
                if (oneRun) {
                    guard.watchEachTaskAlone();
                }
                ProcessLauncher guarded = l.guardedBy(guard);
                if (guarded == l) {
                    guard.close(); // this launcher's processes run elsewhere
                    guard = null;
                }
                l = guarded;
            }
            HubSettings s = new HubSettings(hostId, tags, roots.workspace(), roots.cache(), config.common().gitKey(),
                    HostSecrets.withoutSecrets(baseEnv), l, t, clock, storeSettings.hostLease(),
                    artifacts != null ? artifacts : new ArtifactKeeper(new ArtifactStore(roots.store()),
                            config.common()::artifacts, clock));
            if (flowFiles == null) {
                flowFiles = Defaults.flowFiles(config, t, roots.cache());
            }
            boolean owns = store == null;
            RunStore st = owns ? RunStores.open(storeSettings) : store;
            return new Floe(this, s, st, owns, guard);
        }
    }
}
