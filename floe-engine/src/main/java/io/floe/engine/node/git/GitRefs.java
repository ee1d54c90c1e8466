package io.floe.engine.node.git;

import io.floe.engine.config.Opts;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;

/**
 * poll-git's view of a repository: {@code git ls-remote --refs <url> <refs>} through JGit, filtered and named
 * (floe-spec §4.9, with the fixes of §8.14).
 * <ul>
 *   <li>{@code refs}: the ls-remote patterns ({@link RefPatterns}), default {@value #DEFAULT_PATTERN};</li>
 *   <li>{@code exclude} and {@code exclude-refs} (both read; the original read only the first while its examples
 *       wrote the second): regular expressions, a ref is skipped when either is found anywhere in its full name;</li>
 *   <li>refs with fewer than three parts ({@code HEAD}) or not under {@code refs/} are skipped;</li>
 *   <li>type {@code pull} when the second part starts with {@code pull}, {@code tag} when with {@code tag}, else
 *       {@code branch};</li>
 *   <li>name: all parts after the second, so branch names keep their slashes ({@code refs/heads/feature/x} →
 *       {@code feature/x}). The original kept the third part only, which made {@code feature/x} and
 *       {@code feature/y} the same branch {@code feature}. For pulls this gives {@code refs/pull/2/head} →
 *       {@code 2/head} and {@code refs/pull/2/merge} → {@code 2/merge} (the original named both {@code 2}): the
 *       two are different commits, and a trigger must say which one it fires for.</li>
 * </ul>
 */
public final class GitRefs {
    public static final String DEFAULT_PATTERN = "refs/*";

    private final String url;
    private final RefPatterns patterns;
    private final List<Pattern> excludes;

    /**
     * @param url      the repository
     * @param refs     ls-remote patterns, blank for {@value #DEFAULT_PATTERN}
     * @param excludes regular expressions of refs to skip (blank ones are ignored)
     * @throws IllegalArgumentException when an exclude is not a valid regular expression
     */
    public GitRefs(String url, String refs, List<String> excludes) {
        this.url = url;
        this.patterns = new RefPatterns(refs == null || refs.isBlank() ? DEFAULT_PATTERN : refs);
        List<Pattern> ex = new ArrayList<>();
        for (String e : excludes) {
            if (e == null || e.isBlank()) {
                continue;
            }
            try {
                ex.add(Pattern.compile(e.trim()));
            } catch (PatternSyntaxException bad) {
                throw new IllegalArgumentException("poll-git exclude '" + e + "' is not a valid regular expression: "
                        + bad.getDescription() + "; fix it in the trigger's opts", bad);
            }
        }
        this.excludes = List.copyOf(ex);
    }

    /**
     * From a poll-git trigger's opts: {@code url} (required), {@code refs}, {@code exclude}, {@code exclude-refs}.
     *
     * @throws IllegalArgumentException when the url is missing or an exclude is not a regular expression
     */
    public static GitRefs fromOpts(Map<String, ?> opts) {
        String url = Opts.string(opts, "url").trim();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("poll-git trigger needs a url option: the repository to poll");
        }
        return new GitRefs(url, Opts.string(opts, "refs"),
                List.of(Opts.string(opts, "exclude"), Opts.string(opts, "exclude-refs")));
    }

    public String url() {
        return url;
    }

    /**
     * Lists the remote's refs now.
     *
     * @param now the {@code Change} time given to every ref
     * @throws IOException when the repository can not be listed; the message names the url and the cause
     */
    public GitRefState list(GitAuth auth, Instant now) throws IOException {
        auth.checkKeyFile();
        Collection<Ref> refs;
        try (GitTransport transport = auth.transport()) {
            refs = Git.lsRemoteRepository().setRemote(url).setTransportConfigCallback(transport).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException(GitErrors.describe("listing the refs of " + url, e), e);
        }
        Map<String, GitRef> out = new TreeMap<>();
        for (Ref r : refs) {
            if (r.isSymbolic() || r.getObjectId() == null) {
                continue; // HEAD and its like: --refs leaves them out
            }
            add(out, r.getName(), r.getObjectId().name(), now);
        }
        return new GitRefState(url, out);
    }

    /**
     * Reads the text {@code git ls-remote} prints ({@code <hash> <ref>} per line), with the same filters and names
     * as {@link #list}. Lines with fewer than two fields are skipped.
     */
    public GitRefState parse(List<String> lines, Instant now) {
        Map<String, GitRef> out = new TreeMap<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 2) {
                add(out, fields[1], fields[0], now);
            }
        }
        return new GitRefState(url, out);
    }

    private void add(Map<String, GitRef> out, String fullRef, String hash, Instant now) {
        if (!patterns.matches(fullRef) || excludes.stream().anyMatch(p -> p.matcher(fullRef).find())) {
            return;
        }
        classify(fullRef, hash, now).ifPresent(ref -> out.put(fullRef, ref));
    }

    /** The type and name of a full ref, or empty when poll-git does not report it ({@code HEAD}, short refs). */
    public static Optional<GitRef> classify(String fullRef, String hash, Instant now) {
        String[] parts = fullRef.split("/", 3);
        if (parts.length < 3 || !parts[0].equals("refs") || parts[2].isEmpty()) {
            return Optional.empty();
        }
        String type = parts[1].startsWith("pull") ? GitRef.PULL
                : parts[1].startsWith("tag") ? GitRef.TAG : GitRef.BRANCH;
        String name = parts[2].endsWith("^{}") ? parts[2].substring(0, parts[2].length() - 3) : parts[2];
        return Optional.of(new GitRef(name, type, hash, now));
    }
}
