package io.floe.engine.config;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.event.NodeRef;
import io.floe.engine.json.Local;
import java.util.List;
import java.util.Map;

/**
 * One node of a flow as configured: a trigger, a task or a merge (floe-spec §2.4). The JSON field names are the
 * original's. {@code timeout} is new: a duration such as {@code 90s}, {@code 10m} or {@code 1h30m} (a bare number is
 * seconds) after which a running task is stopped and ends with {@code task.<id>.error}.
 *
 * @param line the YAML line the node starts on, or 0 when it did not come from YAML
 */
public record NodeConfig(
        @SerializedName("Class") String nodeClass,
        @SerializedName("Ref") NodeRef ref,
        @SerializedName("ID") String id,
        @SerializedName("Name") String name,
        @SerializedName("Listen") String listen,
        @SerializedName("Wait") List<String> waits,
        @SerializedName("Type") String type,
        @SerializedName("Good") List<Integer> good,
        @SerializedName("IgnoreFail") boolean ignoreFail,
        @SerializedName("UseStatus") boolean useStatus,
        @SerializedName("Timeout") String timeout,
        @SerializedName("Opts") Map<String, Object> opts,
        @Local int line) {

    public NodeConfig {
        nodeClass = nodeClass == null ? "" : nodeClass;
        id = id == null ? "" : id;
        name = name == null ? "" : name;
        listen = listen == null ? "" : listen;
        waits = waits == null ? List.of() : List.copyOf(waits);
        type = type == null ? "" : type;
        good = good == null ? List.of() : List.copyOf(good);
        timeout = timeout == null ? "" : timeout;
        opts = Opts.copy(opts);
        ref = new NodeRef(nodeClass, id);
    }

    public boolean isTrigger() {
        return NodeClass.TRIGGER.equals(nodeClass);
    }

    public boolean isMerge() {
        return NodeClass.MERGE.equals(nodeClass);
    }

    public boolean isTask() {
        return NodeClass.TASK.equals(nodeClass);
    }

    /** True when this node reacts to {@code tag}: a task's listen, or one of a merge's waits. */
    public boolean listensTo(String tag) {
        return isMerge() ? waits.contains(tag) : !isTrigger() && listen.equals(tag);
    }
}
