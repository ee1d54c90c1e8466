package io.floe.engine.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Expands the configured roots ({@code workspace-root}, {@code store-root}), floe-spec §4.11: a first segment
 * {@code ~} is the home folder, a first segment {@code %tmp} a temporary folder named {@code floe…}.
 *
 * <p>Unlike the original, one instance creates one temporary folder and every {@code %tmp} it expands shares it, so
 * a host's workspace, store and download cache end up side by side rather than in three unrelated folders.
 */
public final class PathExpansion {
    private static final String HOME = "~";
    private static final String TMP = "%tmp";

    private final String home;
    private final Path tempParent;
    private Path temp;

    /** Expands with the host's {@code HOME} and the system temp folder. */
    public PathExpansion() {
        this(System.getenv(), null);
    }

    /**
     * @param env        where {@code HOME} is read
     * @param tempParent where the {@code %tmp} folder is created, or null for the system temp folder
     */
    public PathExpansion(Map<String, String> env, Path tempParent) {
        this.home = env.get("HOME");
        this.tempParent = tempParent;
    }

    /**
     * The expanded path: cleaned lexically, {@code ~} and {@code %tmp} replaced; absolute paths stay absolute and
     * relative ones relative.
     *
     * @throws IllegalArgumentException when the path is shorter than two characters once cleaned ({@code ~/},
     *                                  {@code /}), or starts with {@code ~} and HOME is not set
     * @throws UncheckedIOException     when the temporary folder can not be created
     */
    public Path expand(String configured) {
        String raw = configured == null ? "" : configured;
        Path clean = Path.of(raw).normalize();
        String text = clean.toString();
        if (text.length() < 2) {
            throw new IllegalArgumentException("path too short: '" + raw
                    + "' - give a folder below the root or home folder, e.g. ~/floe or /var/floe");
        }
        String first = clean.getNameCount() > 0 && !clean.isAbsolute() ? clean.getName(0).toString() : "";
        Path rest = clean.getNameCount() > 1 ? clean.subpath(1, clean.getNameCount()) : null;
        if (first.equals(HOME)) {
            if (home == null || home.isBlank()) {
                throw new IllegalArgumentException("~ not expanded as HOME env var not set: '" + raw
                        + "' - set HOME or give an absolute path");
            }
            return under(Path.of(home), rest);
        }
        if (first.equals(TMP)) {
            return under(temp(), rest);
        }
        return clean;
    }

    /** The one temporary folder of this instance, created on first use. */
    private synchronized Path temp() {
        if (temp == null) {
            try {
                temp = tempParent == null ? Files.createTempDirectory("floe")
                        : Files.createTempDirectory(tempParent, "floe");
            } catch (IOException e) {
                throw new UncheckedIOException("can not create the temporary folder for %tmp in "
                        + (tempParent == null ? System.getProperty("java.io.tmpdir") : tempParent) + ": " + e, e);
            }
        }
        return temp;
    }

    private static Path under(Path base, Path rest) {
        return rest == null ? base : base.resolve(rest).normalize();
    }
}
