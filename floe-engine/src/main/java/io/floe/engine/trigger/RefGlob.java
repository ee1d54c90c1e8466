package io.floe.engine.trigger;

import java.util.regex.Pattern;

/**
 * A branch or tag filter of a git-push trigger: an exact name ({@code main}) or a glob where {@code *} matches within
 * one path segment ({@code release/*}), {@code **} matches across segments ({@code feature/**}) and {@code ?} one
 * character.
 */
final class RefGlob {
    private RefGlob() {}

    static boolean matches(String glob, String name) {
        if (glob.equals(name)) {
            return true;
        }
        if (glob.indexOf('*') < 0 && glob.indexOf('?') < 0) {
            return false;
        }
        return toRegex(glob).matcher(name).matches();
    }

    private static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                if (c == '?') {
                    re.append("[^/]");
                } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^/]*");
                }
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString());
    }
}
