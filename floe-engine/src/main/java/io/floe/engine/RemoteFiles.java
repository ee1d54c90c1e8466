package io.floe.engine;

import io.floe.engine.node.fetch.HttpFlowFiles;
import io.floe.engine.node.git.GitAuth;
import io.floe.engine.node.git.GitFlowFile;
import io.floe.engine.node.git.GitFlowFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a file from a git repository or an http(s) URL the way the engine reads flow-files (same clients, same caches,
 * same errors): for a host that loads its own config from there. The git and http clients themselves stay internal.
 */
public final class RemoteFiles {
    /** A file read from git, and the commit it was read at. */
    public record FromGit(String text, String commit) {}

    private RemoteFiles() {}

    /**
     * Reads {@code reference} ({@code <repo url>/<path>}) at {@code ref} (a branch, tag or commit; empty for the
     * default branch), cloning or fetching into {@code cacheRoot}; {@code keyFile} is the ssh key (empty for none).
     */
    public static FromGit git(Path cacheRoot, String keyFile, String reference, String ref) throws IOException {
        GitFlowFile f = new GitFlowFiles(cacheRoot, GitAuth.withKeyFile(keyFile)).load(reference, ref);
        return new FromGit(f.text(), f.commit());
    }

    /** Reads {@code url}, caching its copy under {@code cacheRoot} (served from there when the server is away). */
    public static String http(Path cacheRoot, String url) throws IOException {
        return new HttpFlowFiles(cacheRoot).load(url);
    }
}
