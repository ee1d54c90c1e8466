package io.floe.engine.config;

import java.util.Locale;

/**
 * The id and display name of a flow or node after the original's derivation rules (floe-spec §2.5): both trimmed of
 * spaces, full stops and dashes; the id lower-cased, or derived from the name; the name derived from the id.
 *
 * @param id   URL-friendly: lower case, no spaces or full stops
 * @param name what people see
 */
public record IdName(String id, String name) {
    public static final String BOTH_EMPTY = "id and name can not both be empty";
    public static final String BAD_ID = "a specified id can not contain spaces or full stops";

    /**
     * Derives the id and name from what was written.
     *
     * @throws IllegalArgumentException with the original's message when both are empty or the id has a space or a
     *                                  full stop
     */
    public static IdName derive(String givenId, String givenName) {
        String id = trim(givenId).toLowerCase(Locale.ROOT);
        String name = trim(givenName);
        if (id.isEmpty() && name.isEmpty()) {
            throw new IllegalArgumentException(BOTH_EMPTY);
        }
        if (id.isEmpty()) {
            id = name.toLowerCase(Locale.ROOT).trim().replace(' ', '-').replace('.', '-');
        }
        if (id.indexOf(' ') >= 0 || id.indexOf('.') >= 0) {
            throw new IllegalArgumentException(BAD_ID);
        }
        if (name.isEmpty()) {
            name = id.toLowerCase(Locale.ROOT).replace('-', ' ');
        }
        return new IdName(id, name);
    }

    /** Strips spaces, full stops and dashes from both ends, as Go's {@code strings.Trim(s, " .-")}. */
    static String trim(String s) {
        if (s == null) {
            return "";
        }
        int from = 0;
        int to = s.length();
        while (from < to && isTrimmed(s.charAt(from))) {
            from++;
        }
        while (to > from && isTrimmed(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isTrimmed(char c) {
        return c == ' ' || c == '.' || c == '-';
    }
}
