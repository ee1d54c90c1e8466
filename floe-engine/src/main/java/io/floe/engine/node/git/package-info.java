/**
 * Layer: internal.
 * <p>
 * Git for floe, all through JGit (no git binary): the {@code git-checkout} and {@code git-merge} tasks, poll-git's
 * listing and diffing of refs ({@link io.floe.engine.node.git.GitPoll}), and flow-files read from git repositories
 * ({@link io.floe.engine.node.git.GitFlowFiles}). Credentials: {@link io.floe.engine.node.git.GitAuth}.
 */
package io.floe.engine.node.git;
