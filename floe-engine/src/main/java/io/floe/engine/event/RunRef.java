package io.floe.engine.event;

import com.google.gson.annotations.SerializedName;

/**
 * The cluster-unique address of a run: the flow, the run id, and the host executing it ({@code ExecHost}, empty
 * until the run is activated). Two refs denote the same run when {@link #sameRun} holds; the exec host is ignored.
 */
public record RunRef(
        @SerializedName("FlowRef") FlowRef flowRef,
        @SerializedName("Run") HostedRef run,
        @SerializedName("ExecHost") String execHost) {

    public RunRef {
        flowRef = flowRef == null ? FlowRef.NONE : flowRef;
        run = run == null ? HostedRef.NONE : run;
        execHost = execHost == null ? "" : execHost;
    }

    /** A ref for an event that starts a flow but is not yet a run. */
    public static RunRef unadopted(FlowRef flow) {
        return new RunRef(flow, HostedRef.NONE, "");
    }

    /** True once the trigger has been adopted into a run (it has a run number). */
    public boolean adopted() {
        return !run.isZero();
    }

    public boolean sameRun(RunRef other) {
        return other != null && flowRef.equals(other.flowRef) && run.equals(other.run);
    }

    public RunRef withExecHost(String host) {
        return new RunRef(flowRef, run, host);
    }

    @Override
    public String toString() {
        return "runref_" + flowRef + "_" + run;
    }
}
