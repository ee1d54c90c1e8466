package io.floe.engine.node.fetch;

import io.floe.engine.spi.Workspace;
import io.floe.engine.workspace.Substitution;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a download lands in the workspace ({@code location}, floe-spec §4.6 item 7) and how it gets there: a hard
 * link to the cached copy, or a copy when the workspace is on another file system.
 */
final class Placement {
    private Placement() {}

    /**
     * The target file: no location gives {@code <workspace>/<name>}; a location ending in {@code /}, or naming the
     * workspace or an existing folder, gets {@code name} appended. {@code {{ws}}}, {@code ./}, {@code .} and
     * variables are expanded, and a relative location is taken from the workspace (the original took it from the
     * host's working directory, floe-spec §8.15).
     *
     * @throws FetchException when the location leaves the workspace
     */
    static Path target(String location, Workspace ws, Substitution sub, String name) throws FetchException {
        String loc = location.trim();
        if (loc.isEmpty()) {
            return ws.root().resolve(name);
        }
        String expanded = sub.expandValue(loc);
        if (loc.endsWith("/")) {
            expanded = expanded + (expanded.endsWith("/") ? "" : "/") + name;
        }
        Path target;
        try {
            target = ws.resolveInside("location", expanded);
        } catch (IllegalArgumentException e) {
            throw new FetchException(e.getMessage());
        }
        if (target.equals(ws.root()) || Files.isDirectory(target)) {
            target = target.resolve(name);
        }
        return target;
    }

    /**
     * Puts the cached file at {@code target}, replacing what is there, creating missing folders.
     *
     * @return true when hard-linked, false when copied (a link is impossible, e.g. another file system)
     */
    static boolean place(Path cached, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.isDirectory(target)) {
            throw new IOException(target + " is a folder: give a location that names a file or ends in /");
        }
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, cached);
            return true;
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
            return false;
        }
    }
}
