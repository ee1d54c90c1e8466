package io.floe.engine.artifact;

import com.google.gson.annotations.SerializedName;

/**
 * A file kept from a task of a run.
 *
 * @param node the task's id
 * @param path where it was, relative to the task's folder, with {@code /} between folders
 * @param size its length in bytes
 */
public record Artifact(@SerializedName("Node") String node, @SerializedName("Path") String path,
        @SerializedName("Size") long size) {}
