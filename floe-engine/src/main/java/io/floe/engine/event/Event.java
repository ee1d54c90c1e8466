package io.floe.engine.event;

import com.google.gson.annotations.SerializedName;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Something that happened in a run, or that asks for one to start. The JSON shape is the original floe's:
 * {@code {"RunRef":…,"SourceNode":{"Class","ID"},"Tag":"task.build.good","Good":true,"ID":12,"Opts":{}}}.
 * {@code ID} is given by the {@link EventQueue} when the event is published; {@code Opts} is never null.
 */
public record Event(
        @SerializedName("RunRef") RunRef runRef,
        @SerializedName("SourceNode") NodeRef sourceNode,
        @SerializedName("Tag") String tag,
        @SerializedName("Good") boolean good,
        @SerializedName("ID") long id,
        @SerializedName("Opts") Map<String, Object> opts) {

    public Event {
        runRef = runRef == null ? RunRef.unadopted(FlowRef.NONE) : runRef;
        sourceNode = sourceNode == null ? NodeRef.NONE : sourceNode;
        tag = tag == null ? "" : tag;
        opts = opts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(opts));
    }

    /** An event not yet published (its id is 0). */
    public static Event of(RunRef run, NodeRef source, String tag, boolean good, Map<String, Object> opts) {
        return new Event(run, source, tag, good, 0, opts);
    }

    public Event withId(long newId) {
        return new Event(runRef, sourceNode, tag, good, newId, opts);
    }

    public Event withRunRef(RunRef ref) {
        return new Event(ref, sourceNode, tag, good, id, opts);
    }

    public boolean isSystem() {
        return Tags.isSystem(tag);
    }
}
