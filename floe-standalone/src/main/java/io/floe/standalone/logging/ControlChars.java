package io.floe.standalone.logging;

/**
 * The one rule for text that reaches a log or the console from outside (a webhook's branch, a task's output, an
 * error from a remote host): control characters are shown escaped, so a value can not end a line and forge the next
 * one, nor move a terminal's cursor. A newline becomes {@code \n}, a carriage return {@code \r}, any other control
 * character (and the Unicode line and paragraph separators) {@code \}{@code uXXXX}; tabs stay.
 */
public final class ControlChars {
    private ControlChars() {}

    public static String escape(String text) {
        if (text == null || clean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (needsEscape(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsEscape(char c) {
        return c != '\t' && Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
