package io.floe.engine.spi;

import io.floe.engine.config.Opts;
import java.util.Map;

/**
 * How a task ended: a status code (0 is success unless the node's {@code good} list says otherwise), the options it
 * passes on to its listeners, and an execution error (bad options, failed download…) or null.
 */
public record TaskResult(int status, Map<String, Object> opts, String error) {
    public TaskResult {
        opts = Opts.copy(opts);
    }

    public static TaskResult status(int status) {
        return new TaskResult(status, Map.of(), null);
    }

    public static TaskResult error(String message) {
        return new TaskResult(255, Map.of(), message);
    }

    public boolean failedToExecute() {
        return error != null;
    }
}
