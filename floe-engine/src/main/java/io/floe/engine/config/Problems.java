package io.floe.engine.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Collects the errors and warnings of one YAML document, so a user sees every problem at once, not one per try. The
 * document's own text is quoted in messages only when it is the config itself: a flow-file may be any file the host
 * can read, and its problems reach logs and API answers, so they give the file, line and kind of value instead.
 */
final class Problems {
    private final String file;
    private final boolean quotesValues;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    /** For the config: messages quote the values they are about. */
    Problems(String file) {
        this(file, true);
    }

    private Problems(String file, boolean quotesValues) {
        this.file = file;
        this.quotesValues = quotesValues;
    }

    /** For a flow-file: messages never quote its text. */
    static Problems withoutValues(String file) {
        return new Problems(file, false);
    }

    /** How a value reads in a message: its text when short (and this document may be quoted), else its kind. */
    String describe(Node n) {
        if (n instanceof ScalarNode s) {
            if (!quotesValues) {
                return Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()) ? "a number"
                        : Tag.BOOL.equals(s.getTag()) ? "true or false"
                        : Tag.NULL.equals(s.getTag()) ? "an empty value" : "a text";
            }
            String v = s.getValue();
            return v.length() > 40 ? "'" + v.substring(0, 37) + "...'" : "'" + v + "'";
        }
        return n instanceof SequenceNode ? "a list" : "a map";
    }

    /** A key or name from the document, quoted, or {@code a key} where the document may not be quoted. */
    String quote(String text, String otherwise) {
        return quotesValues ? "'" + text + "'" : otherwise;
    }

    String file() {
        return file;
    }

    void error(int line, String path, String message) {
        errors.add(new ConfigProblem(file, line, path, message));
    }

    void warn(int line, String path, String message) {
        warnings.add(new ConfigProblem(file, line, path, message));
    }

    void warn(ConfigProblem problem) {
        warnings.add(problem);
    }

    /** Puts the warnings found so far in line order (maps report unknown keys before their values are read). */
    void sortWarnings() {
        warnings.sort(java.util.Comparator.comparingInt(ConfigProblem::line));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The errors in line order (a stable sort: checks that look at several nodes report after the nodes). */
    List<ConfigProblem> errors() {
        List<ConfigProblem> sorted = new ArrayList<>(errors);
        sorted.sort(java.util.Comparator.comparingInt(ConfigProblem::line));
        return List.copyOf(sorted);
    }

    List<ConfigProblem> warnings() {
        return List.copyOf(warnings);
    }

    /** {@code prefix - item}, or just {@code item} at the top of a document. */
    static String join(String prefix, String item) {
        return prefix.isEmpty() ? item : prefix + " - " + item;
    }
}
