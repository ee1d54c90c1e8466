package io.floe.engine.node.exec;

import io.floe.engine.spi.Workspace;
import io.floe.engine.workspace.Substitution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the environment of an exec task's process (floe-spec §2.9): the base environment, then each {@code K=V}
 * entry (flow env, event env, node env, in that order) substituted against the environment built so far, then
 * the run's form values ({@code FLOE_VALUE_*}, as they are: never substituted), then {@code FLOEWS=<workspace>}. A
 * later entry for the same name wins.
 */
final class ExecEnvironment {
    /** The variable that tells a task where its workspace is. */
    static final String FLOEWS = "FLOEWS";
    private static final Logger log = LoggerFactory.getLogger(ExecEnvironment.class);

    private ExecEnvironment() {}

    static Map<String, String> build(Map<String, String> base, List<String> entries, Workspace ws) {
        return build(base, entries, Map.of(), ws);
    }

    static Map<String, String> build(Map<String, String> base, List<String> entries, Map<String, String> values,
            Workspace ws) {
        Map<String, String> env = new LinkedHashMap<>(base);
        Substitution sub = Substitution.expandingVars(ws, env);
        for (String entry : entries) {
            String expanded = sub.expandEnv(entry);
            int eq = expanded.indexOf('=');
            if (eq <= 0) {
                log.warn("env entry '{}' is not NAME=value; ignored", entry);
                continue;
            }
            env.put(expanded.substring(0, eq), expanded.substring(eq + 1));
        }
        env.putAll(values);
        env.put(FLOEWS, ws.root().toString());
        return env;
    }
}
