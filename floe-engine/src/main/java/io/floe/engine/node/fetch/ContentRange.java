package io.floe.engine.node.fetch;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Content-Range} of a 206 response, {@code bytes <start>-<end>/<total>}.
 *
 * @param total the whole size, or -1 when the server wrote {@code *}
 */
record ContentRange(long start, long end, long total) {
    private static final Pattern FORM = Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*");

    static Optional<ContentRange> parse(String header) {
        Matcher m = FORM.matcher(header);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            return Optional.of(new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), total));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
