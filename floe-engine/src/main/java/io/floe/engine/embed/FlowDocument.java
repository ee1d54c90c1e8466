package io.floe.engine.embed;

import io.floe.engine.config.CommonConfig;
import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.TypeCatalog;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML a build points at: either a whole floe config ({@code flows:} and maybe {@code common:}, as a host
 * reads it) or a single flow (as in a flow-file: {@code id}, {@code triggers}, {@code tasks}). A build's repository
 * holds either, so both are accepted.
 */
public final class FlowDocument {
    private FlowDocument() {}

    /**
     * Parses {@code yaml}.
     *
     * @param sourceName how problems name the document, e.g. {@code flow.yml} or {@code inline YAML}
     * @param catalog    the node types of the host that will run it
     * @throws ConfigException with every problem found, each with its line
     */
    public static FloeConfig parse(String yaml, String sourceName, TypeCatalog catalog) throws ConfigException {
        if (isWholeConfig(yaml)) {
            return ConfigLoader.parse(yaml, sourceName, null, catalog);
        }
        FlowConfig flow = ConfigLoader.parseFlow(yaml, sourceName, catalog);
        return new FloeConfig(CommonConfig.defaults(), List.of(flow), sourceName, List.of());
    }

    /** A map with {@code flows} or {@code common} is a whole config; unreadable YAML is left to the loader. */
    private static boolean isWholeConfig(String yaml) {
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            return !(doc instanceof Map<?, ?> m) || m.containsKey("flows") || m.containsKey("common");
        } catch (YAMLException e) {
            return true; // the config loader reports it with its line
        }
    }
}
