package io.floe.standalone.notify;

import com.google.gson.annotations.SerializedName;

/**
 * What a receiver is told, as the JSON body floe sends ({@code format: json}). New in floe for the JVM, so its fields
 * are written in lower camel case, not the original's wire names.
 *
 * @param event     {@code run-end} or {@code data-waiting}
 * @param result    {@code good}, {@code bad} or {@code cancelled} for a run end; empty while the run goes on
 * @param flow      the flow the run executes
 * @param run       the run's id, e.g. {@code h1-3}
 * @param host      the host that sends this notice
 * @param startedBy who or what started the run
 * @param started   when the run started (RFC 3339), or empty if it never did
 * @param ended     when the run ended (RFC 3339), or empty
 * @param reason    why the run ended, e.g. {@code reached end node done}
 * @param node      the data node that waits, for {@code data-waiting}; null otherwise
 * @param link      the run's page on the dashboard, from {@code common.public-url}; empty when that is not set
 */
public record Notice(
        @SerializedName("event") String event,
        @SerializedName("result") String result,
        @SerializedName("flow") Flow flow,
        @SerializedName("run") String run,
        @SerializedName("host") String host,
        @SerializedName("startedBy") StartedBy startedBy,
        @SerializedName("started") String started,
        @SerializedName("ended") String ended,
        @SerializedName("reason") String reason,
        @SerializedName("node") Node node,
        @SerializedName("link") String link) {

    public record Flow(@SerializedName("id") String id, @SerializedName("name") String name,
            @SerializedName("ver") int ver) {}

    /** As {@link io.floe.engine.run.Provenance}: kind is user, webhook, timer, poll, peer, rerun, local or unknown. */
    public record StartedBy(@SerializedName("kind") String kind, @SerializedName("name") String name,
            @SerializedName("detail") String detail) {}

    public record Node(@SerializedName("id") String id, @SerializedName("name") String name) {}
}
