package io.floe.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads flow-files from this host's disk. A relative reference is resolved against the folder of the config file
 * (not the process's working directory, as the original did), so a config and its flow-files move together.
 * Absolute paths and paths leading out of that folder are allowed: the config's author controls both.
 */
public final class LocalFlowFileSource implements FlowFileSource {
    private final Path baseDir;

    /** Reads relative references from {@code baseDir}. */
    public LocalFlowFileSource(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    /** Reads relative references from the folder of the config loaded from {@code configFile}. */
    public static LocalFlowFileSource beside(Path configFile) {
        Path parent = configFile.toAbsolutePath().normalize().getParent();
        return new LocalFlowFileSource(parent == null ? Path.of("") : parent);
    }

    /** The file {@code ref} names. */
    public Path resolve(String ref) {
        return baseDir.resolve(ref).normalize();
    }

    @Override
    public String read(String ref) throws IOException {
        Path file = resolve(ref);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "no such file (relative flow-files are read from the config's folder " + baseDir + ")");
        }
    }
}
