package io.floe.engine.node.git;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ref patterns of {@code git ls-remote <url> <patterns>}: a ref is listed when a pattern matches its end, whole
 * path parts at a time, and {@code *} matches across {@code /} (git's own rule: {@code "*" + "/" + pattern} is
 * matched against {@code "/" + ref}). So {@code master} matches {@code refs/heads/master},
 * {@code refs/heads/*} matches {@code refs/heads/feature/x}, and {@code refs/*} matches every ref. Several patterns
 * may be given, separated by spaces.
 */
final class RefPatterns {
    private final List<Pattern> patterns;
    private final String text;

    RefPatterns(String spaceSeparated) {
        this.text = spaceSeparated.trim();
        List<Pattern> out = new ArrayList<>();
        for (String glob : Arrays.stream(text.split("\\s+")).filter(s -> !s.isEmpty()).toList()) {
            out.add(Pattern.compile(toRegex("*/" + glob)));
        }
        this.patterns = List.copyOf(out);
    }

    boolean matches(String ref) {
        String path = "/" + ref;
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(path).matches());
    }

    @Override
    public String toString() {
        return text;
    }

    /** A glob as a regular expression: {@code *} any text, {@code ?} one character, {@code [..]} a class. */
    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, close);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    } else {
                        re.append("\\\\");
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
