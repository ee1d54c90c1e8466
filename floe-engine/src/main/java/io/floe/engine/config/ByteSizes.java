package io.floe.engine.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one size syntax of floe configs: {@code 100MB}, {@code 1.5GB}, {@code 512KB}, or a bare number of bytes. */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb|tb)?");

    private ByteSizes() {}

    /** The number of bytes ({@code KB} is 1024 bytes), or empty when {@code text} is not a size. */
    public static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        double factor = switch (unit) {
            case "kb" -> 1L << 10;
            case "mb" -> 1L << 20;
            case "gb" -> 1L << 30;
            case "tb" -> 1L << 40;
            default -> 1;
        };
        double bytes = n * factor;
        return bytes > Long.MAX_VALUE ? Optional.empty() : Optional.of(Math.round(bytes));
    }

    /** Short text for messages: {@code 812 B}, {@code 12.4 KB}, {@code 100.0 MB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
