package io.floe.standalone.api;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import java.time.Instant;
import java.util.Map;

/**
 * A pend as hosts send it to each other ({@code POST <base>/p2p/flows/exec}), in the original's shape
 * {@code {"Ref","Flow","TriggeredNode","Opts"}} plus when it was adopted.
 */
public record PendJson(
        @SerializedName("Ref") RunRef ref,
        @SerializedName("Flow") FlowConfig flow,
        @SerializedName("TriggeredNode") NodeRef triggeredNode,
        @SerializedName("Opts") Map<String, Object> opts,
        @SerializedName("Adopted") Instant adopted) {

    public static PendJson of(RunRecord pend) {
        return new PendJson(pend.ref(), pend.flow(), pend.trigger(), pend.opts(), pend.adopted());
    }

    /**
     * The pend as a run record; refuses (400) one without a run id or a flow, and one whose ids are not ids
     * ({@link Ids}): they name this host's folders and files.
     */
    public RunRecord toRecord() {
        if (ref == null || !ref.adopted() || flow == null || flow.id().isEmpty()) {
            throw ApiException.badRequest("a pend needs Ref with a run id and a Flow");
        }
        Ids.require("flow id", ref.flowRef().id());
        if (!flow.id().equals(ref.flowRef().id()) || flow.ver() != ref.flowRef().ver()) {
            throw ApiException.badRequest("a pend's Ref names flow " + ref.flowRef().id() + " ver "
                    + ref.flowRef().ver() + " but its Flow is " + flow.id() + " ver " + flow.ver());
        }
        Ids.require("host id", ref.run().hostId());
        if (!ref.execHost().isEmpty()) {
            Ids.require("host id", ref.execHost());
        }
        if (triggeredNode != null && !triggeredNode.id().isEmpty()) {
            Ids.require("node id", triggeredNode.id());
        }
        return new RunRecord(ref, flow, triggeredNode == null ? NodeRef.NONE : triggeredNode, opts,
                RunStatus.PENDING, adopted == null ? Instant.now() : adopted, null, null, false, "");
    }
}
