package io.floe.engine.event;

import com.google.gson.annotations.SerializedName;

/** A node of a flow, by class ({@code trigger}, {@code task}, {@code merge}) and id. */
public record NodeRef(@SerializedName("Class") String nodeClass, @SerializedName("ID") String id) {
    public static final NodeRef NONE = new NodeRef("", "");

    public NodeRef {
        nodeClass = nodeClass == null ? "" : nodeClass;
        id = id == null ? "" : id;
    }

    @Override
    public String toString() {
        return nodeClass + "." + id;
    }
}
