package io.floe.engine.config;

import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A tab between a key's colon and its value, or at a line's end, is read as a space: the original floe's YAML parser
 * accepts it (its own test config has {@code tasks:} then a tab) and SnakeYAML refuses it. Only a tab at the very place
 * SnakeYAML stopped is changed, so tabs inside values and block text stay as written; a tab used for indentation is
 * still refused.
 */
final class TabSeparators {
    private TabSeparators() {}

    /** The text with the tab SnakeYAML stopped at made a space, if that tab separates a key from its value. */
    static Optional<String> fix(String yaml, MarkedYAMLException e) {
        Mark mark = e.getProblemMark();
        if (mark == null || e.getProblem() == null || !e.getProblem().contains("\\t")) {
            return Optional.empty();
        }
        int at = offset(yaml, mark.getLine(), mark.getColumn());
        if (at < 0 || at >= yaml.length() || yaml.charAt(at) != '\t') {
            return Optional.empty();
        }
        int before = at - 1;
        while (before >= 0 && (yaml.charAt(before) == ' ' || yaml.charAt(before) == '\t')) {
            before--;
        }
        boolean afterColon = before >= 0 && yaml.charAt(before) == ':';
        int after = at;
        while (after < yaml.length() && (yaml.charAt(after) == ' ' || yaml.charAt(after) == '\t')) {
            after++;
        }
        boolean atLineEnd = after >= yaml.length() || yaml.charAt(after) == '\n' || yaml.charAt(after) == '\r'
                || yaml.charAt(after) == '#';
        boolean indentation = before < 0 || yaml.charAt(before) == '\n';
        if (indentation || !(afterColon || atLineEnd)) {
            return Optional.empty();
        }
        return Optional.of(yaml.substring(0, at) + " " + yaml.substring(at + 1));
    }

    private static int offset(String text, int line, int column) {
        int l = 0;
        int i = 0;
        while (l < line) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                return -1;
            }
            i = nl + 1;
            l++;
        }
        return i + column;
    }
}
