/**
 * Layer: API.
 * <p>
 * Running floe inside another program's build, one run per build: the parts of the Jenkins plugin that do not need
 * Jenkins, kept here so they are tested with real processes. {@link io.floe.engine.embed.EmbeddedRun} runs one flow
 * to its end; {@link io.floe.engine.embed.PrefixedLog} writes task output with each line's node;
 * {@link io.floe.engine.embed.BuildResult} says what the build's result is; {@link
 * io.floe.engine.embed.WorkspaceMapping} starts exec tasks on the machine that holds the build's workspace.
 */
package io.floe.engine.embed;
