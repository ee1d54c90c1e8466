package io.floe.engine.node.fetch;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name a download is saved under in the workspace: the server's {@code Content-Disposition} filename, else the
 * last segment of the URL's path, else {@code download}. Names are reduced to a single safe path segment, so a
 * server can not place a file outside the folder it was meant for.
 */
final class FileNames {
    /** Used when neither the server nor the URL gives a usable name. */
    static final String FALLBACK = "download";

    // filename*=UTF-8''na%20me (RFC 6266/5987) wins over filename="name"
    private static final Pattern EXTENDED = Pattern.compile(
            "(?i)(?:^|;)\\s*filename\\*\\s*=\\s*([\\w!#$&+.^`|~-]+)'[^']*'([^;\\s]+)");
    private static final Pattern QUOTED = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TOKEN = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*([^;\"\\s]+)");

    private FileNames() {}

    /** The name for a download of {@code uri} (the final one, after redirects) with this Content-Disposition. */
    static String choose(Optional<String> contentDisposition, URI uri) {
        return contentDisposition.flatMap(FileNames::fromContentDisposition)
                .or(() -> fromUri(uri))
                .orElse(FALLBACK);
    }

    static Optional<String> fromContentDisposition(String header) {
        Matcher m = EXTENDED.matcher(header);
        if (m.find()) {
            try {
                Charset cs = Charset.forName(m.group(1));
                return sanitise(URLDecoder.decode(m.group(2).replace("+", "%2B"), cs));
            } catch (IllegalArgumentException e) {
                // unknown charset or bad escape: fall through to the plain filename
            }
        }
        m = QUOTED.matcher(header);
        if (m.find()) {
            return sanitise(m.group(1).replaceAll("\\\\(.)", "$1"));
        }
        m = TOKEN.matcher(header);
        if (m.find()) {
            return sanitise(m.group(1));
        }
        return Optional.empty();
    }

    static Optional<String> fromUri(URI uri) {
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        return sanitise(path.substring(path.lastIndexOf('/') + 1));
    }

    /**
     * The last path segment of {@code name} (either slash), without control characters; empty for a name that is
     * blank, {@code .} or {@code ..}.
     */
    static Optional<String> sanitise(String name) {
        String s = name.replace('\\', '/');
        s = s.substring(s.lastIndexOf('/') + 1);
        s = s.replaceAll("\\p{Cntrl}", "").strip();
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            return Optional.empty();
        }
        return Optional.of(s);
    }
}
