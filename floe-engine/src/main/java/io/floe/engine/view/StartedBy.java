package io.floe.engine.view;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.run.Provenance;
import io.floe.engine.run.RunRecord;

/**
 * What started a run, as the API and the dashboard show it: Kind is {@code user}, {@code webhook}, {@code timer},
 * {@code poll}, {@code peer}, {@code rerun}, {@code local} or {@code unknown}; Name and Detail as {@link Provenance}
 * says; Text a sentence for people; RerunOf the run it re-ran, or empty; RerunFrom where that re-run started again
 * ({@code failed} or a node id), or empty for a whole re-run.
 */
public record StartedBy(
        @SerializedName("Kind") String kind,
        @SerializedName("Name") String name,
        @SerializedName("Detail") String detail,
        @SerializedName("Text") String text,
        @SerializedName("RerunOf") String rerunOf,
        @SerializedName("RerunFrom") String rerunFrom) {

    public static StartedBy of(RunRecord r) {
        Provenance p = Provenance.of(r.opts());
        return new StartedBy(p.starter().wire(), p.name(), p.detail(), p.describe(),
                p.starter() == Provenance.Starter.RERUN ? p.detail() : "",
                p.rerunFrom().map(io.floe.engine.run.RerunFrom::wire).orElse(""));
    }
}
