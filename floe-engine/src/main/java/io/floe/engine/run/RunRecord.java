package io.floe.engine.run;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import java.time.Instant;
import java.util.Map;

/**
 * The durable head of a run: which flow definition it runs (kept whole, so later config changes never alter it), the
 * trigger and its options, where it is in its life, and how it ended.
 *
 * @param adopted   when the trigger was adopted into a pend
 * @param started   when the run was activated, or null while pending
 * @param ended     when it ended, or null
 * @param endReason why it ended, e.g. {@code end node complete}, {@code cancelled by admin}; empty while running
 */
public record RunRecord(
        RunRef ref,
        FlowConfig flow,
        NodeRef trigger,
        Map<String, Object> opts,
        RunStatus status,
        Instant adopted,
        Instant started,
        Instant ended,
        boolean good,
        String endReason) {

    public RunRecord {
        opts = Opts.copy(opts);
        endReason = endReason == null ? "" : endReason;
    }

    public HostedRef id() {
        return ref.run();
    }

    public RunRecord activated(String execHost, Instant when) {
        return new RunRecord(ref.withExecHost(execHost), flow, trigger, opts, RunStatus.ACTIVE, adopted, when, null,
                false, "");
    }

    public RunRecord archived(Instant when, boolean wasGood, String reason) {
        return new RunRecord(ref, flow, trigger, opts, RunStatus.ARCHIVED, adopted, started, when, wasGood, reason);
    }

    /** The pend after another host accepted it. */
    public RunRecord dispatched(String toHost) {
        return new RunRecord(ref.withExecHost(toHost), flow, trigger, opts, RunStatus.DISPATCHED, adopted, null, null,
                false, "dispatched to host " + toHost);
    }

    public RunRecord archived(Instant when, RunEnd end) {
        return archived(when, end.good(), end.reason());
    }

    /** How it ended, or null while it has not. */
    public RunResult result() {
        return status == RunStatus.ARCHIVED ? end().result() : null;
    }

    /** Why it ended, typed, or null while it has not. */
    public RunEnd end() {
        return status == RunStatus.ARCHIVED ? RunEnd.read(good, endReason) : null;
    }

    /** The original's summary status: {@code pending}, {@code running}, {@code good} or {@code bad}. */
    public String summaryStatus() {
        return switch (status) {
            case PENDING -> "pending";
            case ACTIVE -> "running";
            case ARCHIVED -> good ? "good" : "bad";
            case DISPATCHED -> "dispatched";
        };
    }
}
