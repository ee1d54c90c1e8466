package io.floe.engine.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A process to start: the program and its arguments, the working directory and the complete environment.
 */
public record ProcessSpec(List<String> command, Path directory, Map<String, String> environment) {
    public ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
