package io.floe.engine.view;

import com.google.gson.annotations.SerializedName;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One node of a run as the UIs draw it (floe-spec §6.4). Status is {@code running}, {@code waiting} or
 * {@code finished} (blank when never reached); Result, once finished, is {@code success} or {@code failed} as in the
 * original, or floe's {@code cancelled}, {@code skipped} or {@code interrupted} ({@link io.floe.engine.run.NodeResult}).
 * {@code Logs} holds at most the last lines of a task's log; {@code LogLines} says how many it has in all. Title is a
 * data node's form title (floe's addition; empty for other nodes).
 */
public record RunNodeView(
        @SerializedName("ID") String id,
        @SerializedName("Name") String name,
        @SerializedName("Class") String nodeClass,
        @SerializedName("Type") String type,
        @SerializedName("Enabled") boolean enabled,
        @SerializedName("Fields") List<Field> fields,
        @SerializedName("Started") Instant started,
        @SerializedName("Stopped") Instant stopped,
        @SerializedName("Status") String status,
        @SerializedName("Result") String result,
        @SerializedName("Error") String error,
        @SerializedName("Logs") List<String> logs,
        @SerializedName("LogLines") long logLines,
        @SerializedName("Waits") Map<String, Boolean> waits,
        @SerializedName("Title") String title) {

    /** A node without a form title. */
    public RunNodeView(String id, String name, String nodeClass, String type, boolean enabled, List<Field> fields,
            Instant started, Instant stopped, String status, String result, String error, List<String> logs,
            long logLines, Map<String, Boolean> waits) {
        this(id, name, nodeClass, type, enabled, fields, started, stopped, status, result, error, logs, logLines,
                waits, "");
    }

    /** A form field with the value recorded for it. */
    public record Field(
            @SerializedName("id") String id,
            @SerializedName("prompt") String prompt,
            @SerializedName("type") String type,
            @SerializedName("value") String value) {}
}
