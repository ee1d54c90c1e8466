package io.floe.testflows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Gives tests the YAML fixtures kept in {@code test-flows/flows}. */
public final class TestFlows {
    private TestFlows() {}

    /** The text of fixture {@code name}, for example {@code "cfg-in.yml"}. */
    public static String text(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies fixture {@code name} into {@code dir} (keeping its name) and returns the copy's path. */
    public static Path copy(String name, Path dir) {
        try (InputStream in = open(name)) {
            Path target = dir.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = TestFlows.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalArgumentException("no test flow named " + name + " in test-flows/flows");
        }
        return in;
    }
}
