package io.floe.engine.node.git;

import io.floe.engine.spi.OutputSink;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;

/**
 * What {@code git clone --branch <b> --depth 1 <url>} does, through JGit, plus checking out an exact commit: the
 * clone lands in {@code <dir>/<repo name>}; a clone already there (a reused workspace) is fetched into and reset.
 * A branch ends checked out on a local branch of that name; a tag, or a commit given without a branch, on a detached
 * HEAD, as git does. Blocking; run it off the hub's thread.
 */
final class ShallowCheckout {
    private static final Pattern FULL_HASH = Pattern.compile("[0-9a-fA-F]{40}");

    /** What to check out. {@code branch} (a branch or tag name) or {@code hash} (a full commit id) may be empty. */
    record Request(String url, String branch, String hash, Path dir) {}

    private final Request req;
    private final GitAuth auth;
    private final OutputSink out;
    private final ProgressMonitor progress;

    ShallowCheckout(Request req, GitAuth auth, OutputSink out, ProgressMonitor progress) {
        this.req = req;
        this.auth = auth;
        this.out = out;
        this.progress = progress;
    }

    /** The folder {@code git clone <url>} would create: the last path part without {@code .git}. */
    static String repoName(String url) throws IOException {
        try {
            String name = new URIish(url).getHumanishName();
            if (name.isBlank() || name.equals("..") || name.equals(".")) {
                throw new IOException("git url '" + url + "' names no repository: give a url such as "
                        + "git@host:org/repo.git or https://host/org/repo.git");
            }
            return name;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("git url '" + url + "' is not a git url (" + e.getMessage() + "): give a url such "
                    + "as git@host:org/repo.git or https://host/org/repo.git", e);
        }
    }

    /**
     * Clones or updates, then checks out. Every line of progress goes to the output.
     *
     * @return the commit checked out
     * @throws IOException with a message for the user: bad url, unknown branch, authentication, network
     */
    ObjectId run() throws IOException {
        out.line("in dir: " + req.dir());
        String name = repoName(req.url());
        Path target = req.dir().resolve(name);
        boolean existing = Files.isDirectory(target.resolve(Constants.DOT_GIT));
        String hash = req.hash().trim();
        out.line(existing ? "git fetch --depth 1 " + req.url() + " " + (req.branch().isEmpty() ? hash : req.branch())
                : "git clone " + (req.branch().isEmpty() ? "" : "--branch " + req.branch() + " ") + "--depth 1 "
                        + req.url());
        out.line("");
        if (!hash.isEmpty() && !FULL_HASH.matcher(hash).matches()) {
            throw new IOException("hash '" + hash + "' is not a full 40 character commit id: give the whole id");
        }
        if (!existing && Files.exists(target) && !isEmptyDir(target)) {
            throw new IOException("destination path '" + name + "' already exists in " + req.dir()
                    + " and is not an empty directory nor a git clone: use another sub-dir or a fresh workspace");
        }
        auth.checkKeyFile();
        Files.createDirectories(req.dir());
        out.line(existing ? "Updating '" + name + "'..." : "Cloning into '" + name + "'...");
        try (GitTransport transport = auth.transport()) {
            RemoteRefs remote = RemoteRefs.list(req.url(), transport);
            Optional<Ref> ref = req.branch().isEmpty() ? Optional.empty() : remote.find(req.branch());
            if (!req.branch().isEmpty() && ref.isEmpty() && hash.isEmpty()) {
                throw new IOException("branch '" + req.branch() + "' not found in " + req.url()
                        + ": check the branch name (branches and tags are looked up)");
            }
            try (Git git = existing ? Git.open(target.toFile()) : init(target)) {
                configureOrigin(git.getRepository(), ref);
                ObjectId commit = fetch(git, transport, ref, hash);
                checkout(git, ref, commit);
                return commit;
            }
        }
    }

    private Git init(Path target) throws IOException {
        try {
            return Git.init().setDirectory(target.toFile()).call();
        } catch (GitAPIException e) {
            throw new IOException(GitErrors.describe("creating a repository in " + target, e), e);
        }
    }

    /** origin points at the url and fetches the branch only, as a shallow single-branch clone sets it up. */
    private void configureOrigin(Repository repo, Optional<Ref> ref) throws IOException {
        StoredConfig config = repo.getConfig();
        config.setString("remote", "origin", "url", req.url());
        String fetch = ref.filter(r -> r.getName().startsWith(Constants.R_HEADS))
                .map(r -> "+" + r.getName() + ":" + trackingName(r))
                .orElse("+refs/heads/*:refs/remotes/origin/*");
        config.setString("remote", "origin", "fetch", fetch);
        config.save();
    }

    private ObjectId fetch(Git git, GitTransport transport, Optional<Ref> ref, String hash) throws IOException {
        List<RefSpec> specs = new ArrayList<>();
        ref.ifPresent(r -> specs.add(new RefSpec("+" + r.getName() + ":" + localName(r))));
        boolean tipIsHash = ref.isPresent() && !hash.isEmpty() && RemoteRefs.target(ref.get()).name().equalsIgnoreCase(hash);
        if (hash.isEmpty() || tipIsHash) {
            fetch(git, transport, specs, true, "fetching " + req.branch() + " from " + req.url());
            return resolve(git.getRepository(), localName(ref.get()) + "^{commit}");
        }
        ObjectId commit = ObjectId.fromString(hash);
        List<RefSpec> withHash = new ArrayList<>(specs);
        withHash.add(new RefSpec(commit.name()));
        try {
            fetch(git, transport, withHash, true, "fetching commit " + hash + " from " + req.url());
        } catch (IOException refused) {
            // not every server serves a commit by id (uploadpack.allowReachableSHA1InWant); the history has it
            out.line("the server did not send commit " + hash + " by itself; fetching the whole history");
            List<RefSpec> all = new ArrayList<>(specs);
            all.add(new RefSpec("+refs/heads/*:refs/remotes/origin/*"));
            fetch(git, transport, all, false, "fetching the history of " + req.url());
        }
        if (!git.getRepository().getObjectDatabase().has(commit)) {
            throw new IOException("commit " + hash + " not found in " + req.url() + ": check the hash");
        }
        return resolve(git.getRepository(), commit.name() + "^{commit}");
    }

    private void fetch(Git git, GitTransport transport, List<RefSpec> specs, boolean shallow, String what)
            throws IOException {
        try {
            var fetch = ForegroundGc.of(git).fetch().setRemote(req.url()).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS)
                    .setProgressMonitor(progress).setTransportConfigCallback(transport);
            if (shallow) {
                fetch.setDepth(1);
            } else if (isShallow(git.getRepository())) {
                fetch.setUnshallow(true);
            }
            fetch.call();
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException(GitErrors.describe(what, e), e);
        }
        if (progress.isCancelled()) {
            throw new IOException("cancelled while " + what);
        }
    }

    /** A branch becomes the local branch of that name; anything else a detached HEAD. Then the tree is reset. */
    private void checkout(Git git, Optional<Ref> ref, ObjectId commit) throws IOException {
        Repository repo = git.getRepository();
        Optional<Ref> branch = ref.filter(r -> r.getName().startsWith(Constants.R_HEADS));
        if (branch.isPresent()) {
            String local = branch.get().getName();
            RefUpdate update = repo.updateRef(local);
            update.setNewObjectId(commit);
            update.setRefLogMessage("floe git-checkout", false);
            check(update.forceUpdate(), "moving " + local);
            check(repo.updateRef(Constants.HEAD).link(local), "pointing HEAD at " + local);
            StoredConfig config = repo.getConfig();
            String shortName = Repository.shortenRefName(local);
            config.setString("branch", shortName, "remote", "origin");
            config.setString("branch", shortName, "merge", local);
            config.save();
        } else {
            RefUpdate update = repo.updateRef(Constants.HEAD, true);
            update.setNewObjectId(commit);
            update.setRefLogMessage("floe git-checkout", false);
            check(update.forceUpdate(), "detaching HEAD at " + commit.name());
        }
        try {
            git.reset().setMode(ResetType.HARD).setRef(commit.name()).setProgressMonitor(progress).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException(GitErrors.describe("checking out " + commit.name(), e), e);
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(commit);
            out.line("HEAD is now at " + c.abbreviate(7).name() + " " + c.getShortMessage());
        }
    }

    private static void check(RefUpdate.Result result, String what) throws IOException {
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
            default -> throw new IOException(what + " failed: " + result);
        }
    }

    private static ObjectId resolve(Repository repo, String revision) throws IOException {
        ObjectId id = repo.resolve(revision);
        if (id == null) {
            throw new IOException(revision + " is missing after the fetch");
        }
        return id;
    }

    /** Where a fetched remote ref is kept: branches as remote-tracking branches, anything else under its name. */
    private static String localName(Ref remote) {
        return remote.getName().startsWith(Constants.R_HEADS) ? trackingName(remote) : remote.getName();
    }

    private static String trackingName(Ref branch) {
        return Constants.R_REMOTES + "origin/" + branch.getName().substring(Constants.R_HEADS.length());
    }

    private static boolean isShallow(Repository repo) {
        return new File(repo.getDirectory(), "shallow").isFile();
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
