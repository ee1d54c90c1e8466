package io.floe.engine.event;

import com.google.gson.annotations.SerializedName;

/**
 * The unique key of a flow: its id and version. Written {@code <id>-<ver>}, or {@code na} when the id is empty.
 */
public record FlowRef(@SerializedName("ID") String id, @SerializedName("Ver") int ver) {
    public static final FlowRef NONE = new FlowRef("", 0);

    public FlowRef {
        id = id == null ? "" : id;
    }

    /** A flow ref is zero (matches any flow) unless both id and version are set. */
    public boolean isZero() {
        return id.isEmpty() || ver == 0;
    }

    @Override
    public String toString() {
        return id.isEmpty() ? "na" : id + "-" + ver;
    }
}
