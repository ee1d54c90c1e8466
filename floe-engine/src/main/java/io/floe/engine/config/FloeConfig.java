package io.floe.engine.config;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.event.FlowRef;
import io.floe.engine.json.Local;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A whole host config: the common section and the flows, plus the warnings found while loading it.
 *
 * @param source   the file it was loaded from, or empty
 * @param warnings problems that do not stop the config from loading (unknown keys, dangling listens…)
 */
public record FloeConfig(
        @SerializedName("Common") CommonConfig common,
        @SerializedName("Flows") List<FlowConfig> flows,
        @Local String source,
        @Local List<ConfigProblem> warnings) {

    public FloeConfig {
        common = common == null ? CommonConfig.defaults() : common;
        flows = flows == null ? List.of() : List.copyOf(flows);
        source = source == null ? "" : source;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The flow with this exact id and version. */
    public Optional<FlowConfig> flow(FlowRef ref) {
        return flows.stream().filter(f -> f.id().equals(ref.id()) && f.ver() == ref.ver()).findFirst();
    }

    /** The latest version of a flow: the highest {@code ver} among flows with this id (first in config order on ties). */
    public Optional<FlowConfig> latest(String flowId) {
        return flows.stream().filter(f -> f.id().equals(flowId))
                .max(Comparator.comparingInt(FlowConfig::ver));
    }
}
