package io.floe.engine.node.git;

import io.floe.engine.workspace.FileTrees;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Gives a shallow clone the whole history of some refs, as {@code git fetch --unshallow} would. Not with JGit's own
 * unshallow: a JGit server answering it leaves out the trees of commits below the client's shallow boundary (it
 * takes the client's "have" of the shallow tip for the whole history), and the merge then fails on a missing tree.
 * So the history is fetched into an empty repository, which has nothing to "have", and its objects are moved into
 * the clone, which is then no longer shallow. This works the same against every server.
 */
final class Unshallow {
    private Unshallow() {}

    static boolean isShallow(Path gitDir) {
        return Files.isRegularFile(gitDir.resolve("shallow"));
    }

    /** Fetches the full history of {@code specs}' sources from {@code url} into the clone at {@code gitDir}. */
    static void complete(Path gitDir, String url, List<RefSpec> specs, GitTransport transport,
            ProgressMonitor progress) throws IOException {
        Path scratch = Files.createTempDirectory(gitDir, "floe-history-");
        try {
            try (Git empty = Git.init().setBare(true).setGitDir(scratch.toFile()).call()) {
                // no gc in the background: it wrote its lock file into this folder while the folder was moved and
                // deleted, and a later fetch failed on it
                ForegroundGc.of(empty).fetch().setRemote(url).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS)
                        .setProgressMonitor(progress).setTransportConfigCallback(transport).call();
            } catch (GitAPIException | RuntimeException e) {
                throw new IOException(GitErrors.describe("fetching the history of " + url, e), e);
            }
            moveObjects(scratch.resolve("objects"), gitDir.resolve("objects"));
            Files.deleteIfExists(gitDir.resolve("shallow"));
        } finally {
            FileTrees.delete(scratch);
        }
    }

    /** Packs and loose objects are immutable and named by content, so one already there is the same one. */
    private static void moveObjects(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path rel = from.relativize(f);
                if (rel.startsWith("info")) {
                    continue;
                }
                Path target = to.resolve(rel);
                Files.createDirectories(target.getParent());
                try {
                    Files.move(f, target);
                } catch (FileAlreadyExistsException same) {
                    // the clone had it already
                }
            }
        }
    }
}
