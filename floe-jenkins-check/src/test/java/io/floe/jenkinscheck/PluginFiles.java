package io.floe.jenkinscheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the plugin's files are: the build passes the folders as system properties. */
final class PluginFiles {
    private PluginFiles() {}

    /** {@code floe-jenkins-plugin/}. */
    static Path plugin() {
        return folder("floe.plugin.dir");
    }

    /** {@code src-webapp/webapp/}, the dashboard the plugin reuses. */
    static Path webapp() {
        return folder("floe.webapp.dir");
    }

    static Path javaSources() {
        return plugin().resolve("src/main/java");
    }

    static Path resources() {
        return plugin().resolve("src/main/resources");
    }

    /** Every file under {@code dir} whose name ends with {@code suffix}, sorted. */
    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder(String property) {
        String dir = System.getProperty(property);
        if (dir == null) {
            throw new IllegalStateException("system property " + property + " is not set: run these tests with Maven"
                    + " (mvn -pl floe-jenkins-check -am test)");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }
}
