package io.floe.engine;

import java.nio.file.Path;
import java.util.function.Function;

/** Expands configured roots ({@code ~}, {@code %tmp}); one instance gives one temp folder for every {@code %tmp}. */
final class PathExpander implements Function<String, Path> {
    @Override
    public Path apply(String configured) {
        // replaced by workspace.PathExpansion once it lands
        String home = System.getProperty("user.home");
        String p = configured.startsWith("~/") ? home + configured.substring(1) : configured;
        return Path.of(p).toAbsolutePath().normalize();
    }
}
