package io.floe.engine.node;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of floe configs: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2h}, {@code 30d},
 * {@code 500ms}, or a bare number of seconds ({@code 30}, {@code 1.5}).
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|d|h|m|s)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Durations() {}

    /** The duration, or empty when {@code text} is not one (empty text is not one either). */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (NUMBER.matcher(s).matches()) {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000)));
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        long millis = 0;
        while (m.find()) {
            if (m.start() != at) {
                return Optional.empty();
            }
            double n = Double.parseDouble(m.group(1));
            millis += Math.round(n * switch (m.group(2)) {
                case "d" -> 86_400_000;
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                case "s" -> 1000;
                default -> 1;
            });
            at = m.end();
        }
        return at == s.length() && at > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }

    /** Short text for messages: {@code 1h30m}, {@code 45s}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        StringBuilder sb = new StringBuilder();
        long h = ms / 3_600_000;
        long m = ms % 3_600_000 / 60_000;
        long s = ms % 60_000 / 1000;
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0 || sb.length() == 0) {
            sb.append(s).append('s');
        }
        return sb.toString();
    }

    /** The message for a value that is not a duration, naming the option. */
    public static String problem(String option, String value) {
        return option + " '" + value + "' is not a duration: write e.g. 90s, 10m, 1h30m, or a number of seconds";
    }
}
