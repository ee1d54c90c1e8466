package io.floe.engine.artifact;

import com.google.gson.annotations.SerializedName;
import java.util.List;

/** What a run kept: its files, by task and path, and the notes on what it could not keep. */
public record RunArtifacts(@SerializedName("Files") List<Artifact> files,
        @SerializedName("Notes") List<ArtifactNote> notes) {
    public static final RunArtifacts NONE = new RunArtifacts(List.of(), List.of());

    public RunArtifacts {
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }
}
