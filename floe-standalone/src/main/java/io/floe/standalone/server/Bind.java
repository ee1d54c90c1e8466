package io.floe.standalone.server;

/** A listen address as the flags give it: {@code host:port}, {@code :port} (all interfaces) or {@code [::1]:port}. */
public record Bind(String host, int port) {

    public static Bind parse(String flag, String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(flag + " '" + text + "' needs a port: host:port or :port");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(t.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new Bind(host.isEmpty() ? "0.0.0.0" : host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " '" + text + "' has no valid port (0-65535)");
        }
    }
}
