package io.floe.engine.view;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.event.RunRef;
import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunResult;
import java.time.Instant;

/**
 * A run in a listing, in the original's shape {@code {Ref, ExecHost, Status, StartTime, EndTime, Ended, Good}}, plus
 * when it was adopted, why it ended and its paging cursor. Status is {@code pending}, {@code running}, {@code good} or
 * {@code bad} as the original wrote it; Result, beside it, is how an ended run ended ({@link RunResult}: {@code good},
 * {@code bad} or {@code cancelled}), blank before; StartedBy says what started it ({@link StartedBy}).
 */
public record RunSummary(
        @SerializedName("Ref") RunRef ref,
        @SerializedName("ExecHost") String execHost,
        @SerializedName("Status") String status,
        @SerializedName("Adopted") Instant adopted,
        @SerializedName("StartTime") Instant startTime,
        @SerializedName("EndTime") Instant endTime,
        @SerializedName("Ended") boolean ended,
        @SerializedName("Good") boolean good,
        @SerializedName("Reason") String reason,
        @SerializedName("Cursor") String cursor,
        @SerializedName("Result") String result,
        @SerializedName("StartedBy") StartedBy startedBy) {

    public static RunSummary of(RunRecord r) {
        return new RunSummary(r.ref(), r.ref().execHost(), r.summaryStatus(), r.adopted(), r.started(), r.ended(),
                r.ended() != null, r.good(), r.endReason(), RunCursor.of(r).toString(),
                r.result() == null ? "" : r.result().wire(), StartedBy.of(r));
    }
}
