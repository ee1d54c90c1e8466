package io.floe.engine.hub;

import io.floe.engine.DataReceipt;
import io.floe.engine.ValuesRefused;
import io.floe.engine.config.CodeOptions;
import io.floe.engine.config.DataForm;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.HostTags;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.SecretValues;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.graph.FlowNodeKind;
import io.floe.engine.node.DetachedTask;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.NodeResult;
import io.floe.engine.run.Provenance;
import io.floe.engine.run.RerunFrom;
import io.floe.engine.run.RunEnd;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.Cancellation;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.TaskLogs;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active runs: activating a pend, routing a run's events to its nodes (tasks, merges, data nodes, end), recording what
 * the nodes did, and ending runs (floe-spec §3.4–§3.9, §4.4–§4.5). Runs only on the hub's routing thread.
 */
final class RunExecution {
    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);
    static final String INTERRUPTED = NodeResult.INTERRUPTED_PREFIX + " by host restart";

    private final HubSettings settings;
    private final TaskLogs logs;
    private final TaskStarter starter;
    private final Clock clock;
    /** Tasks left running by this host's last process, by run and node, until recovery takes them back. */
    private final Map<String, DetachedTask> detached = new HashMap<>();
    private final Map<HostedRef, ActiveRun> active = new LinkedHashMap<>();
    /** The runs in the store, for a re-run from a step to find what it takes over. */
    private final Function<HostedRef, Optional<StoredRun>> stored;
    /** What each kind of node does; the only place a kind is mapped to behaviour. */
    private final Map<FlowNodeKind, NodeBehaviour> kinds = new EnumMap<>(FlowNodeKind.class);
    private final TaskNode tasks;
    private final DataNode forms;

    RunExecution(HubSettings settings, TaskLogs logs, TaskStarter starter,
            Function<HostedRef, Optional<StoredRun>> stored) {
        this.settings = settings;
        this.logs = logs;
        this.starter = starter;
        this.clock = settings.clock();
        this.stored = stored;
        this.tasks = new TaskNode(settings, starter);
        this.forms = new DataNode(clock);
        kinds.put(FlowNodeKind.TASK, tasks);
        kinds.put(FlowNodeKind.DATA, forms);
        kinds.put(FlowNodeKind.END, new EndNode(this::end));
        kinds.put(FlowNodeKind.MERGE_ALL, new MergeNode.All(clock));
        kinds.put(FlowNodeKind.MERGE_ANY, new MergeNode.Any(clock));
    }

    Collection<ActiveRun> active() {
        return active.values();
    }

    /**
     * Whether {@code flow} must wait before it runs here: this host lacks one of its host-tags, one of its resource
     * tags is taken by an active run, or it reuses its workspace and another run of the same flow is active.
     */
    Optional<String> conflict(FlowConfig flow) {
        return conflict(flow, active.values().stream().map(r -> r.record).toList());
    }

    /**
     * Whether a flow could run here as the runs active now stand, for a claim made off the routing thread: the active
     * runs are copied now, so the answer is safe to ask from any thread.
     */
    Predicate<FlowConfig> fitsNow() {
        List<RunRecord> running = active.values().stream().map(r -> r.record).toList();
        return flow -> conflict(flow, running).isEmpty();
    }

    /** For a host without peers: why no host can run {@code flow}, or empty. Safe from any thread. */
    Optional<String> noHostCanRun(FlowConfig flow) {
        return HostTags.noHostCanRun(settings.hostId(), settings.tags(), flow.hostTags());
    }

    private Optional<String> conflict(FlowConfig flow, List<RunRecord> running) {
        if (!HostTags.satisfy(settings.tags(), flow.hostTags())) {
            return Optional.of("it needs a host with tags " + flow.hostTags() + "; host " + settings.hostId()
                    + " has " + settings.tags());
        }
        for (RunRecord r : running) {
            FlowConfig other = r.flow();
            for (String tag : flow.resourceTags()) {
                if (other.resourceTags().contains(tag)) {
                    return Optional.of("resource tag " + tag + " is held by run " + r.id());
                }
            }
            if (flow.reuseSpace() && other.reuseSpace() && other.id().equals(flow.id())) {
                return Optional.of("its reused workspace is in use by run " + r.id());
            }
        }
        return Optional.empty();
    }

    /**
     * Makes a pend active: records it and fires {@code trigger.good}. Its workspace folder is made when its first task
     * starts ({@link WorkspaceFolder}), off this thread.
     */
    RunRecord activate(RunRecord pend, Turn turn) {
        FlowConfig flow = pend.flow();
        Workspace ws = Workspace.of(settings.workspaceRoot(), flow.ref(), pend.id(), flow.reuseSpace());
        RunRecord rec = pend.activated(settings.hostId(), clock.instant());
        Optional<RerunPlan> plan = plan(rec);
        ActiveRun run = new ActiveRun(rec, ws, true, plan.orElse(RerunPlan.NONE));
        active.put(rec.id(), run);
        turn.batch.run(rec);
        turn.emit(Event.of(pend.ref(), NodeRef.NONE, Tags.SYS_STATE, true, Map.of("action", Tags.ACTION_ACTIVATE)));
        if (plan.isEmpty()) { // never pretend: without the old run's records every step would be done again
            String why = "run " + Provenance.of(rec.opts()).detail() + ", which this run re-runs from a step, is no"
                    + " longer in the run store: re-run the whole run";
            end(run, NodeRef.NONE, Map.of("reason", why), RunEnd.failed(why), turn);
            return run.record;
        }
        turn.emitAndRoute(Event.of(rec.ref(), pend.trigger(), Tags.TRIGGER_GOOD, true, pend.opts()));
        return rec;
    }

    /**
     * What run {@code rec} takes over from the run it re-runs from a step ({@link RerunPlan#NONE} for any other run),
     * or empty when that run is no longer in the store.
     */
    private Optional<RerunPlan> plan(RunRecord rec) {
        Provenance by = Provenance.of(rec.opts());
        Optional<RerunFrom> from = by.rerunFrom();
        if (from.isEmpty()) {
            return Optional.of(RerunPlan.NONE);
        }
        return HostedRef.parse(by.detail()).flatMap(stored)
                .map(old -> RerunPlan.of(old, from.get(), settings.workspaceRoot()));
    }

    /** Routes one adopted event to the listeners of its run. */
    void route(Event e, Turn turn) {
        ActiveRun run = active.get(e.runRef().run());
        if (run == null || e.isSystem()) {
            return;
        }
        List<NodeConfig> listeners = run.record.flow().listeners(e.tag());
        if (listeners.isEmpty()) {
            end(run, e.sourceNode(), e.opts(), RunEnd.noListener(e.tag(), e.good()), turn);
            return;
        }
        for (NodeConfig n : listeners) {
            if (!active.containsKey(run.record.id())) {
                return;
            }
            NodeBehaviour kind = kinds.get(run.kind(n.id()));
            Optional<NodeRecord> kept = run.plan.kept(n.id());
            Optional<String> keptTag = kept.flatMap(old -> kind.takenOverTag(n, old));
            if (keptTag.isPresent()) {
                takeOver(run, n, kept.get(), keptTag.get(), turn);
            } else if (!kind.arrive(run, n, e, turn)) {
                return;
            }
        }
    }

    /** Values supplied for a data node through the API. Refused unless the node is waiting for data. */
    DataReceipt supplyData(HostedRef id, String nodeId, Map<String, Object> values, Turn turn) {
        ActiveRun run = active.get(id);
        if (run == null) {
            return new DataReceipt(false, false, "run " + id + " is not active on host " + settings.hostId());
        }
        Optional<NodeConfig> node = run.record.flow().task(nodeId);
        if (node.isEmpty() || run.kind(nodeId) != FlowNodeKind.DATA) {
            return new DataReceipt(false, false, "run " + id + " has no data node " + nodeId);
        }
        NodeRecord rec = run.nodes.get(nodeId);
        if (rec == null || !rec.enabled()) {
            return new DataReceipt(false, false, "data node " + nodeId + " of run " + id + " is not waiting for data");
        }
        Map<String, Object> accepted;
        try {
            accepted = DataForm.of(node.get().opts()).accept("data node " + nodeId + " of flow "
                    + run.record.flow().id(), values);
        } catch (ValuesRefused e) {
            return new DataReceipt(false, false, e.getMessage(), true);
        }
        turn.emit(Event.of(run.record.ref(), new NodeRef("trigger", nodeId), Tags.INBOUND_DATA, false, accepted));
        int status = forms.offer(run, node.get(), accepted, turn);
        return new DataReceipt(true, status == DataForm.COMPLETE,
                status == DataForm.COMPLETE ? "accepted" : "accepted; the form still needs values");
    }

    /** Applies a task's end to its run and routes the event it emits. Stale or late finishes are dropped. */
    void taskDone(HubInput.TaskDone done, Turn turn) {
        ActiveRun run = active.get(done.run());
        if (run == null) {
            return; // the run ended while the task ran; its node was recorded as stopped then
        }
        ActiveRun.Running r = run.running.get(done.nodeId());
        if (r == null || r.attempt() != done.attempt()) {
            log.debug("dropping a stale finish of {} in run {}", done.nodeId(), done.run());
            return;
        }
        run.running.remove(done.nodeId());
        finishTask(run, done.nodeId(), done.result(), done.logLines(), turn);
    }

    /** Cancels an active run: its tasks are stopped and it ends bad. False if it is not active here. */
    boolean cancel(HostedRef id, String reason, Turn turn) {
        ActiveRun run = active.get(id);
        if (run == null) {
            return false;
        }
        end(run, NodeRef.NONE, Map.of("reason", reason), RunEnd.cancelled(reason), turn);
        return true;
    }

    /** Ends an active run bad because the host cannot go on with it (e.g. a routing loop). False if not active. */
    boolean fail(HostedRef id, String reason, Turn turn) {
        ActiveRun run = active.get(id);
        if (run == null) {
            return false;
        }
        end(run, NodeRef.NONE, Map.of("reason", reason), RunEnd.failed(reason), turn);
        return true;
    }

    /**
     * Takes back a run that was active when the host stopped. Tasks that were running get their error event
     * ({@value #INTERRUPTED}) so the flow's own rules decide what happens; merges and data nodes keep their state.
     */
    void recover(StoredRun stored, Turn turn) {
        recover(stored, turn, INTERRUPTED);
    }

    /**
     * Takes over a run that was active on this or another host, which stopped or was lost: tasks that were running
     * get their error event ({@code interruption}); a run whose trigger was never routed (claimed, then the host died
     * before its first turn was saved) is activated again.
     */
    void recover(StoredRun stored, Turn turn, String interruption) {
        RunRecord rec = stored.record().activated(settings.hostId(), stored.record().started() == null
                ? clock.instant() : stored.record().started());
        FlowConfig flow = rec.flow();
        Workspace ws = Workspace.of(settings.workspaceRoot(), flow.ref(), rec.id(), flow.reuseSpace());
        ActiveRun run = new ActiveRun(rec, ws, false, plan(rec).orElse(RerunPlan.NONE)); // its folder is kept
        run.nodes.putAll(stored.nodes());
        active.put(rec.id(), run);
        if (!rec.equals(stored.record())) {
            turn.batch.run(rec);
        }
        if (stored.nodes().isEmpty()) {
            turn.emitAndRoute(Event.of(rec.ref(), rec.trigger(), Tags.TRIGGER_GOOD, true, rec.opts()));
            return;
        }
        for (NodeRecord n : stored.nodes().values()) {
            DetachedTask left = n.kind() == NodeKind.TASK && n.running()
                    ? detached.remove(detachedKey(rec.id().toString(), n.nodeId())) : null;
            if (left != null && flow.task(n.nodeId()).isPresent()) {
                reattach(run, flow.task(n.nodeId()).get(), n, left, turn);
            } else if (n.kind() == NodeKind.TASK && n.running()) {
                if (left != null) {
                    left.stop();
                }
                logs.append(rec.id(), n.nodeId(), interruption);
                logs.flush(rec.id(), n.nodeId());
                finishTask(run, n.nodeId(), TaskResult.error(interruption), n.logLines() + 1, turn);
            }
        }
    }

    /**
     * Tasks the last process of this host left running over a planned restart: {@link #recover} reattaches those of
     * the runs it takes back; {@link #stopUnclaimed} stops the rest.
     */
    void offerDetached(List<DetachedTask> tasks) {
        for (DetachedTask t : tasks) {
            DetachedTask before = detached.put(detachedKey(t.detachment().run(), t.detachment().node()), t);
            if (before != null) {
                before.stop();
            }
        }
    }

    /** Stops the detached tasks no recovered run took back (their run ended or is gone). */
    void stopUnclaimed() {
        for (DetachedTask t : detached.values()) {
            log.warn("{}: no run of this host takes it back, stopping it", t);
            t.stop();
        }
        detached.clear();
    }

    private static String detachedKey(String run, String node) {
        return run + "\n" + node;
    }

    /** Goes on with a task left running over a planned restart; its node stays running. */
    private void reattach(ActiveRun run, NodeConfig n, NodeRecord rec, DetachedTask task, Turn turn) {
        long attempt = run.nextAttempt(n.id());
        Cancellation cancellation = new Cancellation();
        run.running.put(n.id(), new ActiveRun.Running(attempt, cancellation));
        RunRef ref = run.record.ref();
        UnaryOperator<String> mask = SecretValues.lineMask(TaskNode.typedSecrets(run));
        long lines = rec.logLines() + task.detachment().lines();
        java.time.Instant started = rec.started() == null ? clock.instant() : rec.started();
        turn.afterCommit(() -> starter.reattach(ref, n, task, started, mask, attempt, lines, cancellation,
                run.workspace));
    }

    /**
     * Forgets every active run without recording anything: this host was fenced off a shared store, another host owns
     * its runs now. Their tasks are stopped; their late finishes are dropped.
     */
    void abandonAll(String reason) {
        stopAll(reason);
        active.clear();
    }

    /**
     * Forgets a run activated in a turn the store could not save: nothing of it was started or told (the turn's task
     * starts and events are dropped with it), so it only leaves this map.
     */
    void forget(HostedRef run) {
        active.remove(run);
    }

    /** Stops every task of every active run (host closing); their runs stay active in the store. */
    void stopAll(String reason) {
        for (ActiveRun r : active.values()) {
            r.running.values().forEach(t -> t.cancellation().cancel(reason));
        }
    }

    /**
     * A node the run re-run from a step did well: its record is taken over and the event it emitted then is emitted
     * again, with its outputs, so merges and listeners see it; no process is started. Its log says so.
     */
    private void takeOver(ActiveRun run, NodeConfig n, NodeRecord old, String tag, Turn turn) {
        HostedRef id = run.record.id();
        NodeRecord rec = old;
        if (old.kind() == NodeKind.TASK) {
            logs.append(id, n.id(), "not run again: taken over from run " + run.plan.source() + ", which this run"
                    + " re-runs from a step");
            logs.flush(id, n.id());
            rec = old.withLogLines(1);
        }
        run.nodes.put(n.id(), rec);
        turn.batch.node(id, rec);
        turn.emitAndRoute(Event.of(run.record.ref(), n.ref(), tag, true, old.opts()));
    }

    private void finishTask(ActiveRun run, String nodeId, TaskResult result, long logLines, Turn turn) {
        tasks.finish(run, run.record.flow().task(nodeId).orElseThrow(), result, logLines, turn);
    }

    /**
     * Ends a run: each node stops what it runs or waits for (a run that ended owns no processes; its forms stop
     * waiting), the run is archived and {@code sys.end.all} announces the result.
     */
    private void end(ActiveRun run, NodeRef source, Map<String, Object> opts, RunEnd end, Turn turn) {
        Instant now = clock.instant();
        HostedRef id = run.record.id();
        for (NodeRecord n : List.copyOf(run.nodes.values())) {
            kinds.get(run.kind(n.nodeId())).runEnds(run, n, end, now).ifPresent(left -> {
                run.nodes.put(n.nodeId(), left);
                turn.batch.node(id, left);
            });
        }
        String stopped = NodeResult.stoppedError(end);
        run.running.values().forEach(t -> t.cancellation().cancel(stopped)); // none without a record, but be sure
        run.running.clear();
        run.record = run.record.archived(now, end);
        turn.batch.run(run.record);
        active.remove(id);
        Map<String, Object> told = new TreeMap<>(opts);
        told.put("result", run.record.result().wire()); // beside the original's good flag: cancelled is not bad
        turn.emit(Event.of(run.record.ref(), source, Tags.SYS_END_ALL, end.good(), told));
        turn.runEnded();
        log.info("run {} of flow {} {}", id, run.record.flow().ref(), end.reason());
    }
}
