package io.floe.engine.node.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real git repository made in a test with JGit, to be cloned, fetched and polled: commit files, make branches and
 * tags, move branches. Its folder is {@code <parent>/<name>.git} (a working repository, not a bare one), which the
 * file, http and ssh servers of these tests serve by that name. Close it when done.
 */
public final class TestRepo implements AutoCloseable {
    private static final PersonIdent AUTHOR = new PersonIdent("Test Author", "test@example.com");

    private final Git git;
    private final Path dir;

    private TestRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    /** A new repository {@code <parent>/<name>.git} with one commit on {@code master} (a README). */
    public static TestRepo create(Path parent, String name) {
        try {
            Path dir = parent.resolve(name + ".git");
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", AUTHOR.getName());
            config.setString("user", null, "email", AUTHOR.getEmailAddress());
            config.save();
            TestRepo repo = new TestRepo(git, dir);
            repo.commit(Map.of("README.md", "# " + name + "\n"), "first commit");
            return repo;
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** {@code file://} url of the repository. */
    public String fileUrl() {
        String url = dir.toUri().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public Git git() {
        return git;
    }

    /** Writes the files (path → content) and commits them on the current branch. */
    public RevCommit commit(Map<String, String> files, String message) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                git.add().addFilepattern(f.getKey()).call();
            }
            return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes branch {@code name} at the current commit and checks it out. */
    public TestRepo newBranch(String name) {
        try {
            git.checkout().setCreateBranch(true).setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestRepo checkout(String name) {
        try {
            git.checkout().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tags the current commit; an annotated tag when {@code annotated}. */
    public TestRepo tag(String name, boolean annotated) {
        try {
            git.tag().setName(name).setAnnotated(annotated).setMessage(annotated ? "tag " + name : null)
                    .setTagger(AUTHOR).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets a config value of the repository (e.g. {@code uploadpack.allowReachableSHA1InWant}). */
    public TestRepo config(String section, String key, boolean value) {
        try {
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean(section, null, key, value);
            config.save();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit a branch or other revision points at. */
    public String head(String revision) {
        try {
            return git.getRepository().resolve(revision).name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
