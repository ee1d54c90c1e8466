package io.floe.engine.node.git;

import io.floe.engine.spi.OutputSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand.FastForwardMode;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.merge.ResolveMerger.MergeFailureReason;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * {@code git checkout <branch> && git merge <from-branch>} in a clone in the workspace, through JGit. Both branches
 * are fetched from the remote first (the clone's {@code origin}, or {@code url}); a shallow clone is deepened,
 * since a merge needs the history back to the common ancestor. The local {@code branch} is used when the clone has
 * one (git-checkout made it), else it is made from the remote's. {@code from-branch} may be a branch, a tag or a
 * commit id. Blocking; run it off the hub's thread.
 */
final class BranchMerge {
    /** A merge that could not be made (conflicts): the task ends with this status, not an execution error. */
    static final int CONFLICT_STATUS = 1;

    /** What to merge; {@code url} may be empty (the clone's origin is used). */
    record Request(String url, String branch, String fromBranch, Path dir) {}

    private final Request req;
    private final GitAuth auth;
    private final OutputSink out;
    private final ProgressMonitor progress;

    BranchMerge(Request req, GitAuth auth, OutputSink out, ProgressMonitor progress) {
        this.req = req;
        this.auth = auth;
        this.out = out;
        this.progress = progress;
    }

    /**
     * Merges and reports. Returns 0 when the branch now contains from-branch, {@link #CONFLICT_STATUS} when the merge
     * stopped on conflicts (the conflicting files are listed, one per line, and left as git leaves them).
     *
     * @throws IOException for everything else: no clone, unknown branch, fetch failure
     */
    int run() throws IOException {
        out.line("in dir: " + req.dir());
        out.line("git checkout " + req.branch() + " && git merge " + req.fromBranch());
        out.line("");
        if (!Files.isDirectory(req.dir().resolve(Constants.DOT_GIT))) {
            throw new IOException("no git clone in " + req.dir() + ": set sub-dir to the folder git-checkout cloned "
                    + "into (its sub-dir followed by the repository's name)");
        }
        String url = req.url();
        if (url.isEmpty()) {
            try (Git git = Git.open(req.dir().toFile())) {
                url = Optional.ofNullable(git.getRepository().getConfig().getString("remote", "origin", "url"))
                        .orElse("");
            }
        }
        if (!url.isEmpty()) {
            fetch(url);
        }
        // opened after the fetch: a clone that was shallow has just been given its history
        try (Git git = Git.open(req.dir().toFile())) {
            Repository repo = git.getRepository();
            ObjectId into = checkoutInto(git);
            ObjectId from = resolveFrom(repo, url);
            ensureIdentity(repo);
            MergeResult result;
            try {
                result = git.merge().include(req.fromBranch(), from).setCommit(true)
                        .setFastForward(FastForwardMode.FF).setProgressMonitor(progress)
                        .setMessage("Merge " + req.fromBranch() + " into " + req.branch()).call();
            } catch (GitAPIException | RuntimeException e) {
                throw new IOException(GitErrors.describe("merging " + req.fromBranch() + " into " + req.branch(), e),
                        e);
            }
            return report(repo, result, into);
        }
    }

    private void fetch(String url) throws IOException {
        auth.checkKeyFile();
        Path gitDir = req.dir().resolve(Constants.DOT_GIT);
        try (GitTransport transport = auth.transport()) {
            RemoteRefs remote = RemoteRefs.list(url, transport);
            List<RefSpec> specs = new ArrayList<>();
            for (String name : new String[] {req.branch(), req.fromBranch()}) {
                remote.find(name).filter(r -> r.getName().startsWith(Constants.R_REFS))
                        .ifPresent(r -> specs.add(new RefSpec("+" + r.getName() + ":" + localName(r))));
            }
            if (specs.isEmpty()) {
                return;
            }
            if (Unshallow.isShallow(gitDir)) {
                // a merge needs the history back to the common ancestor, which a --depth 1 clone lacks
                Unshallow.complete(gitDir, url, specs, transport, progress);
            }
            try (Git git = Git.open(req.dir().toFile())) {
                ForegroundGc.of(git).fetch().setRemote(url).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS)
                        .setProgressMonitor(progress).setTransportConfigCallback(transport).call();
            }
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException(GitErrors.describe("fetching " + req.branch() + " and " + req.fromBranch()
                    + " from " + url, e), e);
        }
        if (progress.isCancelled()) {
            throw new IOException("cancelled while fetching from " + url);
        }
    }

    /** Checks out the local branch, making it from the fetched remote branch if the clone has none. */
    private ObjectId checkoutInto(Git git) throws IOException {
        Repository repo = git.getRepository();
        String local = Constants.R_HEADS + req.branch();
        String tracking = Constants.R_REMOTES + "origin/" + req.branch();
        boolean exists = repo.exactRef(local) != null;
        if (!exists && repo.exactRef(tracking) == null) {
            throw new IOException("branch '" + req.branch() + "' not found in the remote nor in the clone at "
                    + req.dir() + ": check the branch option");
        }
        try {
            String full = repo.getFullBranch();
            if (!local.equals(full)) {
                var checkout = git.checkout().setName(req.branch());
                if (!exists) {
                    checkout.setCreateBranch(true).setStartPoint(tracking);
                }
                checkout.call();
            }
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException(GitErrors.describe("checking out " + req.branch(), e), e);
        }
        return repo.resolve(Constants.HEAD);
    }

    private ObjectId resolveFrom(Repository repo, String url) throws IOException {
        String name = req.fromBranch();
        for (String candidate : new String[] {Constants.R_REMOTES + "origin/" + name, Constants.R_HEADS + name,
                Constants.R_TAGS + name, name}) {
            Ref r = candidate.startsWith(Constants.R_REFS) ? repo.exactRef(candidate) : null;
            if (r != null) {
                return repo.resolve(r.getName() + "^{commit}");
            }
        }
        ObjectId id = repo.resolve(name + "^{commit}");
        if (id == null) {
            throw new IOException("from-branch '" + name + "' not found in " + (url.isEmpty() ? "" : url + " nor in ")
                    + "the clone at " + req.dir() + ": check the from-branch option");
        }
        return id;
    }

    /** JGit would sign the merge with the OS user; without a configured identity it is floe's. */
    private static void ensureIdentity(Repository repo) throws IOException {
        StoredConfig config = repo.getConfig();
        if (config.getString("user", null, "name") == null) {
            config.setString("user", null, "name", "floe");
            config.setString("user", null, "email", "floe@localhost");
            config.save();
        }
    }

    private int report(Repository repo, MergeResult result, ObjectId before) throws IOException {
        MergeResult.MergeStatus status = result.getMergeStatus();
        switch (status) {
            case CONFLICTING -> {
                for (String path : new TreeSet<>(result.getConflicts().keySet())) {
                    out.line("CONFLICT (content): Merge conflict in " + path);
                }
                out.line("Automatic merge failed; fix conflicts and then commit the result.");
                return CONFLICT_STATUS;
            }
            case FAILED -> {
                Map<String, MergeFailureReason> failing = result.getFailingPaths();
                for (String path : new TreeSet<>(failing == null ? List.<String>of() : failing.keySet())) {
                    out.line("error: " + path + ": " + failing.get(path));
                }
                out.line("Merge failed: local changes in the clone are in the way");
                return CONFLICT_STATUS;
            }
            case CHECKOUT_CONFLICT -> {
                for (String path : new TreeSet<>(result.getCheckoutConflicts())) {
                    out.line("error: your local changes would be overwritten by merge: " + path);
                }
                out.line("Merge failed: local changes in the clone are in the way");
                return CONFLICT_STATUS;
            }
            default -> {
                if (!status.isSuccessful()) {
                    out.line("Merge failed: " + status);
                    return CONFLICT_STATUS;
                }
            }
        }
        out.line(switch (status) {
            case ALREADY_UP_TO_DATE -> "Already up to date.";
            case FAST_FORWARD -> "Fast-forward " + before.abbreviate(7).name() + ".."
                    + result.getNewHead().abbreviate(7).name();
            default -> "Merge made: " + status;
        });
        ObjectId head = repo.resolve(Constants.HEAD);
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(head);
            out.line("new head: " + head.name() + " " + c.getShortMessage());
        }
        return 0;
    }

    private static String localName(Ref remote) {
        return remote.getName().startsWith(Constants.R_HEADS)
                ? Constants.R_REMOTES + "origin/" + remote.getName().substring(Constants.R_HEADS.length())
                : remote.getName();
    }
}
