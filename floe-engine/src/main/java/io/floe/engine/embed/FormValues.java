package io.floe.engine.embed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a build gives its trigger, written one {@code name=value} per line (as a job's configuration holds them).
 * Blank lines and lines starting with {@code #} are skipped; a value may contain {@code =}; names are trimmed, values
 * are kept as written.
 */
public final class FormValues {
    private FormValues() {}

    /**
     * @throws IllegalArgumentException naming the line when one is neither blank, a comment, nor {@code name=value}
     */
    public static Map<String, Object> parse(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        String[] lines = text.split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("values line " + (i + 1) + " '" + line
                        + "' is not name=value: write one name=value per line");
            }
            out.put(line.substring(0, eq).trim(), line.substring(eq + 1));
        }
        return out;
    }
}
