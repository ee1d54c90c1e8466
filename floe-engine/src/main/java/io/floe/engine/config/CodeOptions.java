package io.floe.engine.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one rule for what decides which program a task runs and how: only the config gives it. An event's opts (form
 * values, webhook and poll data, what an earlier task passed on) may fill a task's open data options, such as a
 * git-checkout's {@code url}, {@code branch} or {@code hash} (floe-spec §2.7), but never one of {@link #KEYS}: those
 * come from the node's own opts, the flow's {@code env}, the firing trigger's own opts in the config and
 * {@code common.git-key}. Every task starts through {@link #taskOpts}, whatever route its event came by.
 */
public final class CodeOptions {
    /**
     * The code-bearing options, by the node types that read them: exec {@code cmd}, {@code shell}, {@code args},
     * {@code env}, {@code sub-dir}; git-checkout and git-merge {@code key-file}, {@code sub-dir} and {@code env}
     * (credentials, {@code HOME}); fetch {@code location} (a file placed where a later task would run it); any task's
     * {@code artifacts} (which files of the workspace are kept and served). A task
     * type added by a plugin reads its own options; these names are refused from events for every type.
     */
    public static final Set<String> KEYS = Set.of("cmd", "shell", "args", "env", "sub-dir", "key-file", "location",
            ArtifactGlobs.KEY);

    private CodeOptions() {}

    /**
     * The opts a task runs with: the event's opts without {@link #KEYS}, then the code-bearing options the config adds
     * for this event ({@code configured}: the flow env, the trigger's own code-bearing opts, the git key), then the
     * node's own opts over both ({@code env} lists are joined in that order, floe-spec §2.11).
     */
    public static Map<String, Object> taskOpts(Map<String, ?> eventOpts, Map<String, ?> configured,
            Map<String, ?> nodeOpts) {
        return Opts.merge(Opts.merge(withoutCode(eventOpts), onlyCode(configured)), nodeOpts);
    }

    /** {@code opts} without the code-bearing options. */
    public static Map<String, Object> withoutCode(Map<String, ?> opts) {
        TreeMap<String, Object> out = new TreeMap<>();
        if (opts != null) {
            opts.forEach((k, v) -> {
                if (!KEYS.contains(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /** Only the code-bearing options of {@code opts} (a trigger's own config opts, say). */
    public static Map<String, Object> onlyCode(Map<String, ?> opts) {
        TreeMap<String, Object> out = new TreeMap<>();
        if (opts != null) {
            opts.forEach((k, v) -> {
                if (KEYS.contains(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }
}
