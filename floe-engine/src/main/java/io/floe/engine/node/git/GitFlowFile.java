package io.floe.engine.node.git;

/**
 * A flow-file read from git by {@link GitFlowFiles}.
 *
 * @param repoUrl   the repository
 * @param path      the file's path in it
 * @param commit    the commit it was read at (for a ref, what the ref pointed to when it was read)
 * @param text      the file's content
 * @param fromCache true when no fetch was needed: the file of that commit was cached
 */
public record GitFlowFile(String repoUrl, String path, String commit, String text, boolean fromCache) {}
