package io.floe.engine.config;

/**
 * A problem found in a config, located by file, YAML line and node path, and printed as the original did with the
 * location in front: {@code default.yml:14: flow 0 - task 2 - task nodes can not have waits}.
 *
 * @param file    the config file's name or path, or empty
 * @param line    the 1-based YAML line, or 0 when unknown
 * @param path    the node path, e.g. {@code flow 0 - task 2}, or empty
 * @param message what is wrong (and, where useful, what to do)
 */
public record ConfigProblem(String file, int line, String path, String message) {
    public ConfigProblem {
        file = file == null ? "" : file;
        path = path == null ? "" : path;
        message = message == null ? "" : message;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!file.isEmpty()) {
            sb.append(file).append(':');
            if (line > 0) {
                sb.append(line).append(':');
            }
            sb.append(' ');
        } else if (line > 0) {
            sb.append("line ").append(line).append(": ");
        }
        if (!path.isEmpty()) {
            sb.append(path).append(" - ");
        }
        return sb.append(message).toString();
    }
}
