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

    /** The pend as a run record; refuses one without a run id or a flow. */
    public RunRecord toRecord() {
        if (ref == null || !ref.adopted() || flow == null || flow.id().isEmpty()) {
            throw ApiException.badRequest("a pend needs Ref with a run id and a Flow");
        }
        return new RunRecord(ref, flow, triggeredNode == null ? NodeRef.NONE : triggeredNode, opts,
                RunStatus.PENDING, adopted == null ? Instant.now() : adopted, null, null, false, "");
    }
}
