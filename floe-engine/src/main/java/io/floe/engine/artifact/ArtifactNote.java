package io.floe.engine.artifact;

import com.google.gson.annotations.SerializedName;

/** Something a person must know about a task's artifacts: what was not kept, and why. */
public record ArtifactNote(@SerializedName("Node") String node, @SerializedName("Message") String message) {}
