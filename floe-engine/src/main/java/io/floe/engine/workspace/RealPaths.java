package io.floe.engine.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a path really leads once every symbolic link on it is followed, for checks that a path stays inside a folder:
 * comparing path text alone lets a link made by a task ({@code ln -s /etc out}) lead anywhere. Parts that do not exist
 * yet are kept as written (they hold no links); a link whose target is missing is followed to where it would point,
 * since writing through it would create the file there.
 */
public final class RealPaths {
    /** As the kernel's own limit on links followed in one lookup: a loop ends here. */
    private static final int MAX_LINKS = 40;

    private RealPaths() {}

    /** The real, absolute form of {@code path}. */
    public static Path of(Path path) throws IOException {
        return of(path.toAbsolutePath().normalize(), 0);
    }

    /** Whether {@code path} really lies in {@code folder} (or is it), symbolic links on both followed. */
    public static boolean inside(Path path, Path folder) throws IOException {
        return of(path).startsWith(of(folder));
    }

    private static Path of(Path path, int links) throws IOException {
        if (links > MAX_LINKS) {
            throw new IOException("too many levels of symbolic links at " + path);
        }
        Path existing = path;
        Path rest = null;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            rest = name == null ? rest : rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) { // a link to nowhere (yet): where writing through it would go
            Path parent = existing.getParent();
            Path from = parent == null ? existing.getRoot() : of(parent, links + 1);
            real = of(from.resolve(Files.readSymbolicLink(existing)).normalize(), links + 1);
        }
        return rest == null ? real : real.resolve(rest).normalize();
    }
}
