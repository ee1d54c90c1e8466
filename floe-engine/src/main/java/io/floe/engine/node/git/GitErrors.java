package io.floe.engine.node.git;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;

/**
 * One readable sentence for a failed git operation: JGit wraps the real cause (refused connection, rejected key,
 * unknown host) in layers of exceptions whose messages repeat each other, so the distinct messages of the chain are
 * joined, and a hint says what to check.
 */
final class GitErrors {
    private GitErrors() {}

    /** What {@code action} (e.g. {@code "cloning <url>"}) ran into. */
    static String describe(String action, Throwable error) {
        List<String> parts = new ArrayList<>();
        String hint = "";
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (t instanceof UnknownHostException) {
                m = "unknown host " + m;
                hint = "check the host name in the url";
            } else if (t instanceof ConnectException) {
                hint = "check the host and port in the url, and that the server is up";
            } else if (t instanceof NoRemoteRepositoryException) {
                hint = "check the repository path in the url";
            } else if (t instanceof NotSupportedException) {
                hint = "use an ssh://, git@host:path, http(s):// or file:// url";
            }
            if (m == null || m.isBlank()) {
                continue;
            }
            // one line: sshd reports each tried key on a line of its own
            String text = m.strip().replaceAll("\\s*\\R\\s*", "; ");
            if (parts.stream().noneMatch(p -> p.contains(text))) {
                parts.removeIf(text::contains);
                parts.add(text);
            }
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            if (hint.isEmpty() && (lower.contains("auth") || lower.contains("not authorized")
                    || lower.contains("no more keys") || lower.contains("credentialsprovider"))) {
                hint = "check the key-file (common.git-key) for ssh, or GIT_USERNAME/GIT_PASSWORD or GIT_TOKEN in "
                        + "the task env for http";
            }
        }
        if (parts.isEmpty()) {
            parts.add(error.getClass().getSimpleName());
        }
        return action + " failed: " + String.join(": ", parts) + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
