package io.floe.engine.node.git;

import io.floe.engine.workspace.PrivateFiles;
import io.floe.engine.config.FlowFileSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads flow-files kept in git repositories (floe-spec §2.10, §8.1: promised by the original, never built). A
 * reference is the repository url and the file's path in it, split at the first {@code .git/}:
 * {@code git@host:org/repo.git/build/FLOE.yaml}, {@code https://host/org/repo.git/build/FLOE.yaml},
 * {@code ssh://git@host:2222/org/repo.git/FLOE.yaml}, {@code file:///srv/git/repo.git/FLOE.yaml}. The file is read at
 * a ref (branch, tag, or full commit id; blank for the remote's default branch).
 * <p>
 * The ref is resolved to a commit with one ls-remote (no ls-remote at all for a commit id), and the file is cached
 * per commit under {@code cacheRoot}; only a commit not seen before is fetched, shallow, into a bare repository kept
 * in the cache. So a trigger that fires again on an unchanged branch costs one ls-remote and reads the file from disk.
 */
public final class GitFlowFiles implements FlowFileSource {
    private static final String SPLIT = ".git/";
    private static final Pattern FULL_HASH = Pattern.compile("[0-9a-fA-F]{40}");

    private final Path cacheRoot;
    private final GitAuth auth;
    /** One fetch at a time per repository: two triggers firing together must not fetch into one cache at once. */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param cacheRoot folder for the cached repositories and files (e.g. {@code <store-root>/git_cache})
     * @param auth      credentials for the repositories ({@link GitAuth#withKeyFile} with {@code common.git-key})
     */
    public GitFlowFiles(Path cacheRoot, GitAuth auth) {
        this.cacheRoot = cacheRoot.toAbsolutePath().normalize();
        this.auth = auth;
    }

    /** A flow-file reference split into the repository and the file's path in it. */
    public record Reference(String repoUrl, String path) {
        /**
         * Splits {@code reference} at the first {@code .git/}.
         *
         * @throws IOException when it has no {@code .git/} or no path after it
         */
        public static Reference parse(String reference) throws IOException {
            int at = reference.indexOf(SPLIT);
            if (at <= 0 || at + SPLIT.length() >= reference.length()) {
                throw new IOException("flow-file reference '" + reference + "' does not name a file in a git "
                        + "repository: write it as <repository>.git/<path of the file>, e.g. "
                        + "git@github.com:org/repo.git/build/FLOE.yaml");
            }
            String path = reference.substring(at + SPLIT.length());
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
            return new Reference(reference.substring(0, at + SPLIT.length() - 1), path);
        }
    }

    /** True when {@code reference} looks like a file in a git repository (it has {@code .git/} after something). */
    public static boolean isGitReference(String reference) {
        return reference != null && reference.indexOf(SPLIT) > 0;
    }

    /** The flow-file at the remote's default branch. */
    @Override
    public String read(String reference) throws IOException {
        return load(reference, "").text();
    }

    /**
     * The flow-file {@code reference} at {@code ref}.
     *
     * @param ref a branch, a tag, a full ref name or a full commit id; blank for the remote's default branch
     * @throws IOException naming the reference and what went wrong (unknown ref, no such file, unreachable server…)
     */
    public GitFlowFile load(String reference, String ref) throws IOException {
        Reference where = Reference.parse(reference);
        String at = ref == null ? "" : ref.trim();
        try {
            return load(where, at);
        } catch (IOException e) {
            throw new IOException("flow-file " + reference + (at.isEmpty() ? "" : " at " + at) + ": "
                    + e.getMessage(), e);
        }
    }

    private GitFlowFile load(Reference where, String ref) throws IOException {
        auth.checkKeyFile();
        Path repoCache = cacheRoot.resolve(cacheName(where.repoUrl()));
        synchronized (locks.computeIfAbsent(repoCache.toString(), k -> new Object())) {
            try (GitTransport transport = auth.transport()) {
                Target target = resolve(where.repoUrl(), ref, transport);
                Path cached = repoCache.resolve("files").resolve(target.id().name()).resolve(where.path()).normalize();
                if (!cached.startsWith(repoCache)) {
                    throw new IOException("path '" + where.path() + "' climbs out of the repository");
                }
                if (Files.isRegularFile(cached)) {
                    return new GitFlowFile(where.repoUrl(), where.path(), target.id().name(),
                            Files.readString(cached, StandardCharsets.UTF_8), true);
                }
                byte[] content = fetchFile(repoCache.resolve("repo.git"), where, target, transport);
                writeAtomically(cached, content);
                return new GitFlowFile(where.repoUrl(), where.path(), target.id().name(),
                        new String(content, StandardCharsets.UTF_8), false);
            }
        }
    }

    /** The commit (or tag) to read from, and the remote ref that leads to it (null for a commit id). */
    private record Target(ObjectId id, String remoteRef) {}

    private static Target resolve(String url, String ref, GitTransport transport) throws IOException {
        if (FULL_HASH.matcher(ref).matches()) {
            return new Target(ObjectId.fromString(ref), null);
        }
        RemoteRefs remote = RemoteRefs.list(url, transport);
        Ref found = ref.isEmpty()
                ? remote.head().orElseThrow(() -> new IOException(url + " does not say what its default branch is: "
                        + "give the flow-file ref"))
                : remote.find(ref).orElseThrow(() -> new IOException("no branch or tag '" + ref + "' in " + url
                        + ": check the ref (a branch, a tag or a full commit id)"));
        String name = found.isSymbolic() ? found.getTarget().getName() : found.getName();
        return new Target(RemoteRefs.target(found), name);
    }

    private static byte[] fetchFile(Path bare, Reference where, Target target, GitTransport transport)
            throws IOException {
        try (Git git = openBare(bare)) {
            Repository repo = git.getRepository();
            if (!repo.getObjectDatabase().has(target.id())) {
                fetch(git, where.repoUrl(), target, transport);
            }
            try (RevWalk walk = new RevWalk(repo)) {
                ObjectId commitId = repo.resolve(target.id().name() + "^{commit}");
                if (commitId == null) {
                    throw new IOException(target.id().name() + " is not a commit");
                }
                RevCommit commit = walk.parseCommit(commitId);
                try (TreeWalk tree = TreeWalk.forPath(repo, where.path(), commit.getTree())) {
                    if (tree == null || tree.isSubtree()) {
                        throw new IOException("no file " + where.path() + " in commit " + commit.name()
                                + ": check the path after .git/");
                    }
                    ObjectLoader blob = repo.open(tree.getObjectId(0));
                    return blob.getBytes();
                }
            }
        }
    }

    private static Git openBare(Path bare) throws IOException {
        try {
            if (Files.isDirectory(bare.resolve("objects"))) {
                return Git.open(bare.toFile());
            }
            PrivateFiles.folder(bare);
            return Git.init().setBare(true).setGitDir(bare.toFile()).call();
        } catch (GitAPIException e) {
            throw new IOException(GitErrors.describe("making the cache repository " + bare, e), e);
        }
    }

    /** A shallow fetch of the one commit: by its ref when there is one, else by id (full history if refused). */
    private static void fetch(Git git, String url, Target target, GitTransport transport) throws IOException {
        RefSpec spec = target.remoteRef() != null
                ? new RefSpec("+" + target.remoteRef() + ":refs/floe/" + target.id().name())
                : new RefSpec(target.id().name());
        try {
            try {
                ForegroundGc.of(git).fetch().setRemote(url).setRefSpecs(spec).setDepth(1).setTagOpt(TagOpt.NO_TAGS)
                        .setTransportConfigCallback(transport).call();
            } catch (GitAPIException refused) {
                if (target.remoteRef() != null) {
                    throw refused;
                }
                // the server does not serve commits by id (uploadpack.allowReachableSHA1InWant): take the history
                ForegroundGc.of(git).fetch().setRemote(url).setRefSpecs(List.of(new RefSpec("+refs/heads/*:refs/floe/heads/*"),
                        new RefSpec("+refs/tags/*:refs/floe/tags/*"))).setTagOpt(TagOpt.NO_TAGS)
                        .setTransportConfigCallback(transport).call();
            }
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException(GitErrors.describe("fetching " + (target.remoteRef() != null
                    ? target.remoteRef() : "commit " + target.id().name()) + " from " + url, e), e);
        }
        if (!git.getRepository().getObjectDatabase().has(target.id())) {
            throw new IOException("commit " + target.id().name() + " not found in " + url + ": check the ref");
        }
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        PrivateFiles.folder(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".floe-", ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A readable, collision-free folder name for a repository url: its name and a hash of the whole url. */
    static String cacheName(String url) {
        String name;
        try {
            name = ShallowCheckout.repoName(url).replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (IOException e) {
            name = "repo";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return name + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
