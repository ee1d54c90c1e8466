package io.floe.standalone.api;

import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.FlowFileResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which flow an offered pend may run here. A pend carries its flow's whole definition, commands included, and what
 * runs on this host must come from this host's own config, whatever the offer's body says:
 * <ol>
 * <li>the flow with the same id and ver in this host's config, when it has no {@code flow-file};</li>
 * <li>else a definition whose hash this host knows: one of a config it has had since it started (a run adopted before
 * a reload retired its version; a config is noted when it is first seen at an offer), or a flow-file it resolved;</li>
 * <li>else, for a configured flow with a {@code flow-file}, the file as this host resolves it with the pend's trigger
 * opts (the git ref a push or poll gave), as it would for a trigger of its own.</li>
 * </ol>
 * Anything else is refused with a 422 naming the flow and why.
 */
public final class OfferedFlows {
    /** Definitions known by hash; bounded, oldest forgotten first. */
    private static final int REMEMBERED = 256;

    private final Supplier<FloeConfig> config;
    private final FlowFileResolver flowFiles;
    private FloeConfig seen;
    private final Map<String, FlowConfig> remembered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FlowConfig> eldest) {
            return size() > REMEMBERED;
        }
    };

    public OfferedFlows(Supplier<FloeConfig> config, FlowFileResolver flowFiles) {
        this.config = config;
        this.flowFiles = flowFiles;
        remember(config.get());
    }

    /** The pend with this host's own definition of its flow, or a 422 naming the flow and why it can not run here. */
    public RunRecord verified(RunRecord offered) {
        FlowConfig flow = offered.flow();
        FloeConfig now = config.get();
        remember(now);
        Optional<FlowConfig> own = now.flow(flow.ref());
        if (own.isPresent() && own.get().flowFile().isEmpty()) {
            return withFlow(offered, own.get());
        }
        String hash = flow.definitionHash();
        FlowConfig known;
        synchronized (remembered) {
            known = remembered.get(hash);
        }
        if (known != null) {
            return withFlow(offered, known);
        }
        if (own.isPresent()) {
            return withFlow(offered, resolved(offered, own.get()));
        }
        throw refused(offered, "that flow and ver are not in this host's config and its definition (hash " + hash
                + ") is not one this host has had; a host runs only flows of its own config. Give the hosts the same "
                + "config, or reload this host's");
    }

    private FlowConfig resolved(RunRecord offered, FlowConfig configured) {
        FlowConfig f;
        try {
            f = flowFiles.resolve(configured, offered.opts());
        } catch (Exception e) {
            throw refused(offered, "its flow-file " + configured.flowFile() + " could not be read here: "
                    + e.getMessage());
        }
        synchronized (remembered) {
            remembered.put(f.definitionHash(), f);
        }
        return f;
    }

    /** Notes the definitions of the config this host runs now, once per config. */
    private void remember(FloeConfig cfg) {
        synchronized (remembered) {
            if (cfg == seen) {
                return;
            }
            seen = cfg;
            for (FlowConfig f : cfg.flows()) {
                if (f.flowFile().isEmpty()) {
                    remembered.put(f.definitionHash(), f);
                }
            }
        }
    }

    private static ApiException refused(RunRecord offered, String why) {
        FlowConfig flow = offered.flow();
        return new ApiException(422, "run " + offered.id() + " of flow " + flow.id() + " ver " + flow.ver()
                + " refused: " + why);
    }

    private static RunRecord withFlow(RunRecord r, FlowConfig flow) {
        return new RunRecord(r.ref(), flow, r.trigger(), r.opts(), r.status(), r.adopted(), r.started(), r.ended(),
                r.good(), r.endReason());
    }
}
