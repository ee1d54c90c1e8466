package io.floe.engine;

import io.floe.engine.event.FlowRef;
import io.floe.engine.run.Provenance;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.trigger.GitPushTrigger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request to start runs, as {@link Floe#trigger(TriggerCall)} takes it from every caller (the HTTP routes, the
 * push webhook, {@code floe run}, code embedding the engine). Make one with a factory, then add what applies:
 *
 * <pre>{@code
 * floe.trigger(TriggerCall.of("build", "go", values).by(Provenance.user("alice")).once("delivery-42"));
 * }</pre>
 *
 * @param flow    the flow, its latest version when {@code ver} is 0; {@link FlowRef#NONE} for every flow (with a
 *                {@code type} only)
 * @param trigger the trigger's id; empty for the flow's first trigger of {@code type}
 * @param type    empty: exactly the trigger named, of whatever type, which must exist ({@link #of}); else a trigger
 *                type ({@code data}, {@code git-push}…) that chooses the triggers as the original's hub did for an
 *                {@code inbound.<type>} event: in each flow meant, the one named when it has it, else its first of
 *                that type whose opts match ({@link #form}, {@link #push})
 * @param values  form values for a data trigger, else the event's opts (a push's repository and commit…); they are
 *                data and never decide what a task runs
 * @param onceKey empty, or a key that starts each flow at most once (a webhook's delivery id): a second call with it
 *                starts nothing in a flow the first one started, and its outcome names the run that did
 * @param who     who asked (a person the caller authenticated, this host…); null for what the trigger's type tells:
 *                a webhook delivery of the repository, a timer, a poll
 */
public record TriggerCall(FlowRef flow, String trigger, String type, Map<String, Object> values, String onceKey,
        Provenance who) {
    public TriggerCall {
        flow = flow == null ? FlowRef.NONE : flow;
        trigger = trigger == null ? "" : trigger;
        type = type == null ? "" : type;
        // not Map.copyOf: form values parsed from JSON may hold nulls
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        onceKey = onceKey == null ? "" : onceKey;
    }

    /** Trigger {@code triggerId} of the latest version of flow {@code flowId}, started by this host. */
    public static TriggerCall of(String flowId, String triggerId, Map<String, Object> values) {
        return new TriggerCall(new FlowRef(flowId, 0), triggerId, "", values, "", Provenance.local(""));
    }

    /**
     * The form {@code formId} of {@code flow} (its latest version when {@code ver} is 0) as {@code POST
     * push/data} fires it: that data trigger, or the flow's first data trigger when it has none of that id.
     */
    public static TriggerCall form(FlowRef flow, String formId, Map<String, Object> values) {
        return new TriggerCall(flow, formId, NodeTypes.DATA, values, "", Provenance.local(""));
    }

    /** Every flow's first trigger of {@code type} whose opts match {@code values}, as an un-addressed inbound event. */
    public static TriggerCall inbound(String type, Map<String, Object> values) {
        return new TriggerCall(FlowRef.NONE, "", type, values, "", null);
    }

    /**
     * Each flow's first {@code git-push} trigger that matches the repository and ref pushed, recorded as started by
     * the webhook delivery of that repository.
     */
    public static TriggerCall push(RepoPush push) {
        return new TriggerCall(FlowRef.NONE, "", GitPushTrigger.NAME, push.opts(), "", null);
    }

    /** This call, starting each flow at most once for {@code key}. */
    public TriggerCall once(String key) {
        return new TriggerCall(flow, trigger, type, values, key, who);
    }

    /** This call, recording {@code by} as who started the runs. */
    public TriggerCall by(Provenance by) {
        return new TriggerCall(flow, trigger, type, values, onceKey, by);
    }

    /** Whether exactly the trigger named is meant, whatever its type. */
    public boolean named() {
        return type.isEmpty();
    }

    public Optional<String> once() {
        return onceKey.isEmpty() ? Optional.empty() : Optional.of(onceKey);
    }
}
