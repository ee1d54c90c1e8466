package io.floe.engine.config;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.event.FlowRef;
import io.floe.engine.json.Local;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A flow as configured (floe-spec §2.3). Immutable: a run keeps the exact definition it started with.
 *
 * @param source the file the flow was read from (for error messages), or empty
 * @param line   the YAML line the flow starts on, or 0
 * @param notifications receivers of this flow's run notifications, besides {@code common.notify}
 */
public record FlowConfig(
        @SerializedName("ID") String id,
        @SerializedName("Ver") int ver,
        @SerializedName("FlowFile") String flowFile,
        @SerializedName("Name") String name,
        @SerializedName("ReuseSpace") boolean reuseSpace,
        @SerializedName("HostTags") List<String> hostTags,
        @SerializedName("ResourceTags") List<String> resourceTags,
        @SerializedName("Env") List<String> env,
        @SerializedName("Triggers") List<NodeConfig> triggers,
        @SerializedName("Tasks") List<NodeConfig> tasks,
        @Local String source,
        @Local int line,
        @Local List<NotifyTarget> notifications) {

    public FlowConfig {
        id = id == null ? "" : id;
        flowFile = flowFile == null ? "" : flowFile;
        name = name == null ? "" : name;
        hostTags = hostTags == null ? List.of() : List.copyOf(hostTags);
        resourceTags = resourceTags == null ? List.of() : List.copyOf(resourceTags);
        env = env == null ? List.of() : List.copyOf(env);
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        source = source == null ? "" : source;
        notifications = notifications == null ? List.of() : List.copyOf(notifications);
    }

    public FlowConfig(String id, int ver, String flowFile, String name, boolean reuseSpace, List<String> hostTags,
            List<String> resourceTags, List<String> env, List<NodeConfig> triggers, List<NodeConfig> tasks,
            String source, int line) {
        this(id, ver, flowFile, name, reuseSpace, hostTags, resourceTags, env, triggers, tasks, source, line,
                List.of());
    }

    public FlowRef ref() {
        return new FlowRef(id, ver);
    }

    /** Triggers then tasks (and merges), in config order. */
    public List<NodeConfig> nodes() {
        List<NodeConfig> all = new ArrayList<>(triggers.size() + tasks.size());
        all.addAll(triggers);
        all.addAll(tasks);
        return all;
    }

    public Optional<NodeConfig> trigger(String triggerId) {
        return triggers.stream().filter(n -> n.id().equals(triggerId)).findFirst();
    }

    /** A task or merge by id. */
    public Optional<NodeConfig> task(String nodeId) {
        return tasks.stream().filter(n -> n.id().equals(nodeId)).findFirst();
    }

    /** Task and merge nodes that react to {@code tag}, in config order. */
    public List<NodeConfig> listeners(String tag) {
        List<NodeConfig> out = new ArrayList<>();
        for (NodeConfig n : tasks) {
            if (n.listensTo(tag)) {
                out.add(n);
            }
        }
        return out;
    }

    public FlowConfig withTasks(List<NodeConfig> newTasks) {
        return new FlowConfig(id, ver, flowFile, name, reuseSpace, hostTags, resourceTags, env, triggers, newTasks,
                source, line, notifications);
    }

    /**
     * The SHA-256 of this definition's JSON form: what hosts and stores compare to know they mean the same definition
     * of a flow (an offered run names its definition by it).
     */
    public String definitionHash() {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(io.floe.engine.json.Json.write(this).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
