package io.floe.engine.trigger;

import java.util.Locale;

/**
 * A repository's identity in its clone URLs, so the forms a git server gives for one repository compare equal:
 * {@code https://host/org/repo.git}, {@code http://user@host:8080/org/repo}, {@code ssh://git@host:2222/org/repo.git},
 * {@code git@host:org/repo.git} and {@code git://host/org/repo} are all {@code host/org/repo}. The scheme, user, port
 * and {@code .git} suffix are left out, and case is ignored (GitHub, GitLab and Gitea treat names so).
 */
public final class RepoUrl {
    private RepoUrl() {}

    /** The comparable form of {@code url}; blank for a blank url. */
    static String key(String url) {
        if (url == null) {
            return "";
        }
        String u = url.trim();
        String hostAndPath;
        int scheme = u.indexOf("://");
        if (scheme >= 0) {
            hostAndPath = u.substring(scheme + 3);
            int slash = hostAndPath.indexOf('/');
            String authority = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
            String path = slash < 0 ? "" : hostAndPath.substring(slash + 1);
            hostAndPath = host(authority) + "/" + path;
        } else {
            // scp-like: [user@]host:path
            int colon = u.indexOf(':');
            int slash = u.indexOf('/');
            if (colon > 0 && (slash < 0 || colon < slash)) {
                hostAndPath = host(u.substring(0, colon)) + "/" + u.substring(colon + 1);
            } else {
                hostAndPath = u;
            }
        }
        String k = hostAndPath.replaceAll("/+", "/");
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        if (k.endsWith(".git")) {
            k = k.substring(0, k.length() - 4);
        }
        return k.toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        String ka = key(a);
        return !ka.isEmpty() && ka.equals(key(b));
    }

    /** The host of {@code [user[:password]@]host[:port]}. */
    private static String host(String authority) {
        String h = authority.substring(authority.lastIndexOf('@') + 1);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.indexOf(':');
        return colon >= 0 ? h.substring(0, colon) : h;
    }
}
