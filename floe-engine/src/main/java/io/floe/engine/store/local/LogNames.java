package io.floe.engine.store.local;

import io.floe.engine.event.HostedRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * File names for task logs. Node ids and host names come from config and flags and may hold any character ({@code &},
 * {@code /}, {@code ..}), so each is encoded to a safe, distinct name: letters, digits, {@code _} and {@code -} stay;
 * every other byte of its UTF-8 form becomes {@code %XX}; a name too long for a file system ends in a hash instead.
 */
final class LogNames {
    /** Well under the common 255-byte file name limit, leaving room for the {@code .log} suffix. */
    private static final int MAX_NAME = 200;

    private LogNames() {}

    /** The log file of a node, inside {@code logsDir} whatever the ids hold. */
    static Path file(Path logsDir, HostedRef run, String nodeId) {
        Path dir = logsDir.resolve(safe(run.hostId() + "-" + run.id()));
        Path file = dir.resolve(safe(nodeId) + ".log").normalize();
        if (!file.startsWith(logsDir.normalize())) {
            // cannot happen with the encoding above; kept so a future change cannot open a way out
            throw new IllegalArgumentException("task log of node '" + nodeId + "' of run " + run
                    + " would lie outside " + logsDir);
        }
        return file;
    }

    static String safe(String id) {
        if (id == null || id.isEmpty()) {
            return "%";
        }
        StringBuilder out = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        if (out.length() <= MAX_NAME) {
            return out.toString();
        }
        return out.substring(0, MAX_NAME - 17) + "~" + sha256(id).substring(0, 16);
    }

    /** An appended text is one line: newlines inside it would shift every later line number. */
    static String oneLine(String line) {
        if (line == null) {
            return "";
        }
        return line.indexOf('\n') < 0 ? line : line.replace('\n', ' ');
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
