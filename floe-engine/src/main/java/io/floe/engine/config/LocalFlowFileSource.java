package io.floe.engine.config;

import io.floe.engine.workspace.PathExpansion;
import io.floe.engine.workspace.RealPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads flow-files from this host's disk. A relative reference is resolved against the folder of the config file
 * (not the process's working directory, as the original did), so a config and its flow-files move together.
 * <p>
 * A reference must lead, symbolic links followed, into the config's folder or one of the folders listed under
 * {@code common: flow-file-roots:} (relative ones from the config's folder, {@code ~} for the home folder): a config
 * read from a repository must not make the host read {@code ../../etc/shadow} or {@code /root/.ssh/id_rsa} and show
 * it in an error.
 */
public final class LocalFlowFileSource implements FlowFileSource {
    static final String ROOTS_KEY = "flow-file-roots";

    private final Path baseDir;
    private final List<String> extraRoots;

    /** Reads relative references from {@code baseDir}, and only files under it. */
    public LocalFlowFileSource(Path baseDir) {
        this(baseDir, List.of());
    }

    /** Reads relative references from {@code baseDir}; files under it or under one of {@code extraRoots}. */
    public LocalFlowFileSource(Path baseDir, List<String> extraRoots) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.extraRoots = List.copyOf(extraRoots);
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
        checkAllowed(file);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null,
                    "no such file (relative flow-files are read from the config's folder " + baseDir + ")");
        }
    }

    /** Refuses a file that does not really lie in one of the allowed folders. */
    private void checkAllowed(Path file) throws IOException {
        List<Path> roots = roots();
        for (Path root : roots) {
            if (RealPaths.inside(file, root)) {
                return;
            }
        }
        Path real = RealPaths.of(file);
        throw new AccessDeniedException(file.toString(), null, "outside the folders flow-files are read from ("
                + String.join(", ", roots.stream().map(Path::toString).toList()) + ")"
                + (real.equals(file) ? "" : ": it leads to " + real)
                + "; keep flow-files beside the config, or list their folder under common " + ROOTS_KEY);
    }

    private List<Path> roots() throws IOException {
        List<Path> roots = new ArrayList<>();
        roots.add(baseDir);
        for (String r : extraRoots) {
            try {
                roots.add(baseDir.resolve(new PathExpansion().expand(r)).normalize());
            } catch (IllegalArgumentException e) {
                throw new IOException("common " + ROOTS_KEY + " entry '" + r + "' is not usable: " + e.getMessage(),
                        e);
            }
        }
        return roots;
    }
}
