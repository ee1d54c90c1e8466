package io.floe.standalone.auth;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a browser's {@code Origin} is this host's own origin: the same scheme, host and port as the request it sent
 * ({@code Host} header). Default ports count as written or not ({@code http://h} is {@code http://h:80}).
 */
public final class SameOrigin {
    private SameOrigin() {}

    /** The origin the request was addressed to, as a browser would write it, e.g. {@code http://127.0.0.1:8080}. */
    public static String expected(String scheme, String hostHeader) {
        String host = hostHeader == null ? "" : hostHeader.toLowerCase(Locale.ROOT);
        return scheme.toLowerCase(Locale.ROOT) + "://" + host;
    }

    public static boolean matches(String origin, String scheme, String hostHeader) {
        Optional<Key> theirs = parse(origin);
        Optional<Key> ours = parse(expected(scheme, hostHeader));
        return theirs.isPresent() && theirs.equals(ours);
    }

    private record Key(String scheme, String host, int port) {}

    private static Optional<Key> parse(String origin) {
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            return Optional.empty();
        }
        try {
            URI u = new URI(origin.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return Optional.empty();
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() != -1 ? u.getPort() : switch (scheme) {
                case "https", "wss" -> 443;
                case "http", "ws" -> 80;
                default -> -1;
            };
            String s = scheme.equals("wss") ? "https" : scheme.equals("ws") ? "http" : scheme;
            return Optional.of(new Key(s, u.getHost().toLowerCase(Locale.ROOT), port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
