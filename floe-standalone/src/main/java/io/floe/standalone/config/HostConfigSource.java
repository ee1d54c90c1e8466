package io.floe.standalone.config;

import io.floe.engine.RemoteFiles;
import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.ConfigProblem;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowRefKind;
import io.floe.engine.spi.NodeTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Reads the host's config from where {@code -conf} points: a local file, which may send the host on to the real config
 * with {@code common.config-path} (the original README's promise), or a git reference
 * ({@code git@host:org/repo.git/path/floe.yml}, {@code https://host/org/repo.git/path/floe.yml},
 * {@code file:///srv/repo.git/floe.yml}, each with an optional {@code #ref}) or an http(s) URL given directly. git
 * uses {@code git-key} (alias {@code key-file}) of the local config. Every read is parsed and checked whole; a config
 * that does not load throws, naming file, line and cause.
 */
public final class HostConfigSource {
    /** What one read gave. {@code text} tells a changed config from the same one read again. */
    public record Loaded(FloeConfig config, ConfigOrigin origin, String text) {}

    private final String conf;
    private final NodeTypes types;
    private final Path cacheRoot;
    private final Clock clock;

    /** @param cacheRoot where git and http copies of the config are cached */
    public HostConfigSource(String conf, NodeTypes types, Path cacheRoot, Clock clock) {
        this.conf = conf;
        this.types = types;
        this.cacheRoot = cacheRoot;
        this.clock = clock;
    }

    public Loaded load() throws ConfigException {
        FlowRefKind kind = FlowRefKind.of(conf);
        if (kind != FlowRefKind.LOCAL) {
            return remote(conf, kind, "", Path.of("").toAbsolutePath());
        }
        Path file = Path.of(conf);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(new ConfigProblem(conf, 0, "", "no config file at " + file.toAbsolutePath()
                    + " (give one with -conf=FILE)"));
        }
        String text = read(file);
        FloeConfig local = ConfigLoader.parse(text, conf, file.toAbsolutePath().getParent(), types);
        String next = local.common().configPath();
        if (next.isBlank()) {
            return new Loaded(local, new ConfigOrigin(conf, "file", "", clock.instant()), text);
        }
        FlowRefKind nextKind = FlowRefKind.of(next);
        Path dir = file.toAbsolutePath().getParent();
        if (nextKind == FlowRefKind.LOCAL) {
            Path target = dir.resolve(next).normalize();
            String t = read(target);
            return new Loaded(ConfigLoader.parse(t, target.toString(), target.getParent(), types),
                    new ConfigOrigin(target.toString(), "file", "", clock.instant()), t);
        }
        return remote(next, nextKind, local.common().gitKey(), dir);
    }

    private Loaded remote(String reference, FlowRefKind kind, String gitKey, Path baseDir) throws ConfigException {
        try {
            if (kind == FlowRefKind.GIT) {
                int hash = reference.lastIndexOf('#');
                String where = hash > 0 ? reference.substring(0, hash) : reference;
                String ref = hash > 0 ? reference.substring(hash + 1) : "";
                RemoteFiles.FromGit f = RemoteFiles.git(cacheRoot.resolve("git"), gitKey, where, ref);
                return new Loaded(ConfigLoader.parse(f.text(), reference, baseDir, types),
                        new ConfigOrigin(reference, "git", f.commit(), clock.instant()), f.text());
            }
            String text = RemoteFiles.http(cacheRoot.resolve("http"), reference);
            return new Loaded(ConfigLoader.parse(text, reference, baseDir, types),
                    new ConfigOrigin(reference, "http", "", clock.instant()), text);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(new ConfigProblem(reference, 0, "", "could not read the config: "
                    + e.getMessage()));
        }
    }

    private static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(file.toString(), 0, "", "can not read the config file "
                    + file.toAbsolutePath() + ": " + e.getMessage()));
        }
    }
}
