package io.floe.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * Measured figures, written to {@code target/figures/<name>.txt} for people to read. They are reported, never asserted:
 * a test asserts what a user sees; how fast it appeared depends on the machine.
 */
final class Figures {
    private final Path file;

    Figures(String name) {
        Path dir = Path.of(System.getProperty("floe.figures", "target/figures"));
        this.file = dir.resolve(name + ".txt");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, "# " + name + ", measured " + Instant.now() + " on "
                    + Runtime.getRuntime().availableProcessors() + " cores, headless chromium " + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Notes one figure, e.g. {@code ("graph draw", 12.3, "ms")}. */
    void add(String what, double value, String unit) {
        String line = String.format(Locale.ROOT, "%-58s %10.1f %s%n", what, value, unit);
        System.out.print(line);
        try {
            Files.writeString(file, line, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
