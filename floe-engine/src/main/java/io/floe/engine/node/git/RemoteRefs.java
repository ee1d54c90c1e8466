package io.floe.engine.node.git;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * The refs a remote repository advertises ({@code git ls-remote}), read once, and the lookups the git tasks need:
 * which ref a branch, tag or full ref name means.
 *
 * @param url  the repository
 * @param refs by full name; {@code HEAD} is there when the server says what its default branch is
 */
record RemoteRefs(String url, Map<String, Ref> refs) {

    /** Lists {@code url}'s refs through JGit. */
    static RemoteRefs list(String url, GitTransport transport) throws IOException {
        try {
            return new RemoteRefs(url, Map.copyOf(Git.lsRemoteRepository().setRemote(url)
                    .setTransportConfigCallback(transport).callAsMap()));
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException(GitErrors.describe("listing the refs of " + url, e), e);
        }
    }

    /** The ref {@code name} means: a branch first, then a tag, then a full ref name ({@code refs/pull/2/head}). */
    Optional<Ref> find(String name) {
        for (String candidate : new String[] {Constants.R_HEADS + name, Constants.R_TAGS + name, name}) {
            Ref r = refs.get(candidate);
            if (r != null && (candidate.startsWith(Constants.R_REFS) || candidate.equals(Constants.HEAD))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The remote's default branch, as its HEAD points. */
    Optional<Ref> head() {
        return Optional.ofNullable(refs.get(Constants.HEAD));
    }

    /** The commit (for an annotated tag, the tagged commit when the server says) a ref points at. */
    static ObjectId target(Ref ref) {
        return ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
    }
}
