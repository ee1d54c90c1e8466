package io.floe.engine.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors and warnings of one YAML document, so a user sees every problem at once, not one per try. */
final class Problems {
    private final String file;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    Problems(String file) {
        this.file = file;
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
