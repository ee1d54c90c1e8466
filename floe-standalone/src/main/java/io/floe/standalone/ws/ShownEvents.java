package io.floe.standalone.ws;

import io.floe.engine.Floe;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.SecretValues;
import io.floe.engine.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events as websocket clients see them: the values of password fields masked ({@link SecretValues}). An inbound form
 * submission carries bare values, so the ids of every password field of the config count (a field sharing such an
 * id elsewhere is masked too: the safe side).
 */
final class ShownEvents {
    private record Known(FloeConfig config, Set<String> ids) {}

    private final Floe floe;
    private volatile Known known;

    ShownEvents(Floe floe) {
        this.floe = floe;
    }

    Event shown(Event e) {
        Map<String, Object> opts = e.opts();
        Map<String, Object> masked = SecretValues.masked(opts, secretIds());
        return masked == opts ? e : new Event(e.runRef(), e.sourceNode(), e.tag(), e.good(), e.id(), masked);
    }

    private Set<String> secretIds() {
        FloeConfig config = floe.config();
        Known k = known;
        if (k == null || k.config() != config) { // a reload makes a new config
            List<Map<String, Object>> forms = new ArrayList<>();
            for (FlowConfig flow : config.flows()) {
                for (NodeConfig n : flow.nodes()) {
                    forms.add(n.opts());
                }
            }
            k = new Known(config, SecretValues.secretIds(forms));
            known = k;
        }
        return k.ids();
    }
}
