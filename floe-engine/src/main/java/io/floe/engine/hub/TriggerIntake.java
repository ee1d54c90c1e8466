package io.floe.engine.hub;

import io.floe.engine.StoreUnavailable;
import io.floe.engine.TriggerCall;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.TriggerOutcome.Note;
import io.floe.engine.TriggerOutcome.Status;
import io.floe.engine.ValuesRefused;
import io.floe.engine.config.DataForm;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.event.Event;
import io.floe.engine.event.EventQueue;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.Provenance;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.FlowFileResolver;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.TriggerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a trigger call, or an inbound event that is not yet a run, into pends (floe-spec §3.4 item 1): finds the flows
 * and the trigger it starts (the one place triggers are matched, git pushes included), and hands each flow to the hub
 * for adoption. A flow without a flow-file is handed over on the caller's thread, so one caller's triggers are
 * adopted in the order it made them; a flow-file is loaded on a task thread first, never on the caller's or the
 * routing thread. A flow whose flow-file fails is reported (log and {@code sys.error} event) and affects no other
 * flow.
 */
public final class TriggerIntake {
    private static final Logger log = LoggerFactory.getLogger(TriggerIntake.class);

    private final Supplier<FloeConfig> config;
    private final NodeTypes types;
    private final FlowFileResolver flowFiles;
    private final Hub hub;
    private final EventQueue queue;
    private final Executor blocking;

    public TriggerIntake(Supplier<FloeConfig> config, NodeTypes types, FlowFileResolver flowFiles, Hub hub,
            EventQueue queue, Executor blocking) {
        this.config = config;
        this.types = types;
        this.flowFiles = flowFiles;
        this.hub = hub;
        this.queue = queue;
        this.blocking = blocking;
    }

    /** A flow and the trigger of it that an event fires. */
    record Match(FlowConfig flow, NodeConfig trigger) {}

    /**
     * Starts what {@code call} asks for ({@link TriggerCall}). A call naming a flow or trigger the config does not have
     * (with no trigger type) fails the future with {@link IllegalArgumentException}, naming those there are.
     */
    public CompletableFuture<TriggerOutcome> accept(TriggerCall call) {
        FloeConfig cfg = config.get();
        FlowRef flowRef = call.flow();
        String type = call.type();
        if (call.named()) {
            Optional<FlowConfig> flow = flowRef.ver() == 0 ? cfg.latest(flowRef.id()) : cfg.flow(flowRef);
            if (flow.isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("no flow with id " + flowRef.id()
                        + (flowRef.ver() == 0 ? "" : " and version " + flowRef.ver()) + " (flows: " + String.join(
                                ", ", cfg.flows().stream().map(FlowConfig::id).distinct().toList()) + ")"));
            }
            Optional<NodeConfig> trigger = flow.get().trigger(call.trigger());
            if (trigger.isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("flow " + flowRef.id()
                        + " has no trigger " + call.trigger() + " (triggers: " + String.join(", ",
                        flow.get().triggers().stream().map(NodeConfig::id).toList()) + ")"));
            }
            flowRef = flow.get().ref();
            type = trigger.get().type();
        }
        // an event for every flow is addressed to no node, as the original's were
        NodeRef source = flowRef.id().isEmpty() && call.trigger().isEmpty() ? NodeRef.NONE
                : new NodeRef("trigger", call.trigger());
        Event event = Event.of(RunRef.unadopted(flowRef), source, Tags.inbound(type), false, call.values());
        return accept(event, Map.of(), call.once().orElse(null), call.who());
    }

    /**
     * Starts the flows an un-adopted {@code inbound.<type>} event triggers. With a flow ref only that flow (version 0
     * means its latest version); without one, every flow with a matching trigger. When the event's source node names a
     * trigger, only that trigger is used (the original always took the first data trigger).
     */
    public CompletableFuture<TriggerOutcome> accept(Event event) {
        return accept(event, Map.of());
    }

    /**
     * As {@link #accept(Event)}, also saving {@code state} (a timer's next fire time…) in the transaction that adopts
     * the first pend, or on its own when nothing is adopted.
     */
    public CompletableFuture<TriggerOutcome> accept(Event event, Map<String, String> state) {
        return accept(event, state, null);
    }

    /**
     * As {@link #accept(Event, Map)}; values a data trigger's form does not declare, or of a type it does not take,
     * fail the returned future with {@link ValuesRefused} and start nothing. With a {@code onceKey} (or null), each
     * matching flow is started once for that key: {@code <onceKey>/<flow id>} is saved with its pend, and a later
     * event with the same key starts nothing in that flow (its outcome says which run the first one started). A flow
     * that failed to start may start later.
     */
    public CompletableFuture<TriggerOutcome> accept(Event event, Map<String, String> state, String onceKey) {
        return accept(event, state, onceKey, null);
    }

    /**
     * As {@link #accept(Event, Map, String)}, recording {@code who} started the runs (a person, as the caller vouches);
     * null means what the event's type tells ({@link Provenance#of(Event)}).
     */
    public CompletableFuture<TriggerOutcome> accept(Event event, Map<String, String> state, String onceKey,
            Provenance who) {
        if (!Tags.isInbound(event.tag())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "event " + event.tag() + " dispatched to triggers does not have inbound tag prefix"));
        }
        List<Match> matches = matches(config.get(), event);
        List<Map<String, Object>> values = new ArrayList<>();
        try {
            for (Match m : matches) {
                values.add(values(m, event.opts()));
            }
        } catch (ValuesRefused e) {
            log.info("trigger refused: {}", e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        queue.publish(event);
        if (matches.isEmpty()) {
            String why = "no flow has a " + Tags.inboundType(event.tag()) + " trigger matching "
                    + describe(event);
            log.info(why);
            hub.saveState(state);
            return CompletableFuture.completedFuture(TriggerOutcome.refused(Status.NO_MATCHING_TRIGGER, why));
        }
        List<CompletableFuture<Object>> each = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            Match m = matches.get(i);
            // per flow: a webhook's run records the repository in the form its trigger names
            Provenance startedBy = who != null ? who : Provenance.of(Event.of(event.runRef(), event.sourceNode(),
                    event.tag(), false, values.get(i)));
            Map<String, Object> opts = startedBy.stamp(Opts.merge(m.trigger().opts(),
                    Provenance.strip(values.get(i))));
            // only a flow-file needs a task thread (it may be read over http or from git)
            CompletableFuture<FlowConfig> definition = m.flow().flowFile().isEmpty()
                    ? CompletableFuture.completedFuture(m.flow())
                    : CompletableFuture.supplyAsync(() -> resolve(m.flow(), opts), blocking);
            CompletableFuture<Object> f = definition
                    .thenCompose(flow -> hub.adopt(flow, m.trigger().ref(), opts, state,
                            onceKey == null ? null : onceKey + "/" + flow.id()))
                    .<Object>thenApply(r -> r)
                    .exceptionally(e -> {
                        hub.saveState(state);
                        return failed(m.flow(), e);
                    });
            each.add(f);
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<RunRecord> pends = new ArrayList<>();
            List<Note> notes = new ArrayList<>();
            for (CompletableFuture<Object> f : each) {
                Object o = f.join();
                if (o instanceof RunRecord r) {
                    pends.add(r);
                    hub.noHostCanRun(r.flow()).ifPresent(why -> notes.add(new Note(Status.NO_HOST_CAN_RUN,
                            "run " + r.id() + " waits: " + why)));
                } else {
                    notes.add((Note) o);
                }
            }
            return new TriggerOutcome(pends, notes);
        });
    }

    /**
     * Starts a new run of the flow definition {@code old} ran (its stored snapshot, whatever the config says now) with
     * the same trigger values, recorded as started by {@code who}. The values go through the same check as any
     * trigger's ({@link #values}): a data trigger takes its form's declared fields only, so nothing a run added to its
     * options is taken for one.
     */
    public CompletableFuture<TriggerOutcome> rerun(RunRecord old, Provenance who) {
        FlowConfig flow = old.flow();
        NodeConfig trigger = flow.trigger(old.trigger().id()).orElseThrow(() -> new IllegalStateException("run "
                + old.id() + " was not started by a trigger of its flow (" + old.trigger() + "); start a new run"));
        Map<String, Object> given = Provenance.strip(old.opts());
        if (NodeTypes.DATA.equals(trigger.type())) {
            Map<String, Object> declared = new java.util.LinkedHashMap<>();
            for (DataForm.Field f : DataForm.of(trigger.opts()).fields()) {
                if (given.containsKey(f.id())) {
                    declared.put(f.id(), given.get(f.id()));
                }
            }
            given = declared;
        }
        Map<String, Object> values;
        try {
            values = values(new Match(flow, trigger), given);
        } catch (ValuesRefused e) {
            return CompletableFuture.failedFuture(e);
        }
        Map<String, Object> opts = who.stamp(Opts.merge(trigger.opts(), values));
        return hub.adopt(flow, trigger.ref(), opts, Map.of(), null)
                .thenApply(r -> TriggerOutcome.started(List.of(r)));
    }

    /**
     * What an event gives a trigger: a data trigger takes its form's declared fields only, each of the type it
     * declares ({@link DataForm#accept}); other triggers take their event's opts (poll, timer and webhook data) as
     * their type hands them on ({@link TriggerType#eventOpts}). Either way they are data: what a task runs comes from
     * the config ({@link io.floe.engine.config.CodeOptions}).
     */
    private Map<String, Object> values(Match m, Map<String, Object> eventOpts) {
        if (!NodeTypes.DATA.equals(m.trigger().type())) {
            return types.trigger(m.trigger().type()).map(t -> t.eventOpts(m.trigger(), eventOpts)).orElse(eventOpts);
        }
        return DataForm.of(m.trigger().opts()).accept("trigger " + m.trigger().id() + " of flow " + m.flow().id(),
                eventOpts);
    }

    List<Match> matches(FloeConfig cfg, Event event) {
        String type = Tags.inboundType(event.tag());
        FlowRef want = event.runRef().flowRef();
        Optional<TriggerType> triggerType = types.trigger(type);
        List<Match> out = new ArrayList<>();
        for (FlowConfig flow : cfg.flows()) {
            if (!want.id().isEmpty()) {
                if (!flow.id().equals(want.id())) {
                    continue;
                }
                int ver = want.ver() != 0 ? want.ver() : cfg.latest(flow.id()).map(FlowConfig::ver).orElse(0);
                if (flow.ver() != ver) {
                    continue;
                }
            }
            List<NodeConfig> fitting = new ArrayList<>();
            for (NodeConfig t : flow.triggers()) {
                if (t.type().equals(type) && triggerType.map(tt -> tt.matches(t, event.opts())).orElse(true)) {
                    fitting.add(t);
                }
            }
            String named = event.sourceNode().id();
            Optional<NodeConfig> chosen = named.isEmpty() ? fitting.stream().findFirst()
                    : fitting.stream().filter(t -> t.id().equals(named)).findFirst();
            if (chosen.isEmpty() && !named.isEmpty() && flow.trigger(named).isEmpty()) {
                chosen = fitting.stream().findFirst(); // an unknown form id: behave as the original did
            }
            chosen.ifPresent(t -> out.add(new Match(flow, t)));
        }
        return out;
    }

    private FlowConfig resolve(FlowConfig flow, Map<String, Object> opts) {
        if (flow.flowFile().isEmpty()) {
            return flow;
        }
        try {
            return flowFiles.resolve(flow, opts);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Note failed(FlowConfig flow, Throwable e) {
        Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException
                ? e.getCause() : e;
        if (cause instanceof StoreUnavailable refused) {
            String why = "flow " + flow.ref() + " was not started: " + refused.getMessage();
            log.warn(why);
            return new Note(Status.STORE_UNAVAILABLE, why);
        }
        if (cause instanceof AlreadyAdopted again) {
            String why = "flow " + flow.ref() + " was not started again: " + again.getMessage();
            log.info(why);
            return new Note(Status.DUPLICATE, why);
        }
        String why = "flow " + flow.ref() + " was not started: " + cause.getMessage();
        log.error(why);
        queue.publish(Event.of(RunRef.unadopted(flow.ref()), NodeRef.NONE, Tags.SYS_ERROR, false,
                Map.of("error", why)));
        return new Note(Status.FAILED, why);
    }

    private static String describe(Event e) {
        FlowRef ref = e.runRef().flowRef();
        return (ref.id().isEmpty() ? "" : "flow " + ref.id() + (ref.ver() == 0 ? "" : " version " + ref.ver()))
                + (e.sourceNode().id().isEmpty() ? "" : " trigger " + e.sourceNode().id());
    }
}
