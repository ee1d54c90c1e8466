package io.floe.engine;

import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowFiles;
import io.floe.engine.config.FlowRefKind;
import io.floe.engine.config.Opts;
import io.floe.engine.config.TypeCatalog;
import io.floe.engine.node.ProcessLaunchers;
import io.floe.engine.node.fetch.HttpFlowFiles;
import io.floe.engine.node.git.GitAuth;
import io.floe.engine.node.git.GitFlowFiles;
import io.floe.engine.spi.FlowFileResolver;
import io.floe.engine.spi.ProcessLauncher;
import java.nio.file.Path;

/** The parts a host uses when its builder is given none. */
final class Defaults {
    private Defaults() {}

    /** posix_spawn where it loads, else ProcessBuilder; {@code FLOE_LAUNCHER} chooses otherwise. */
    static ProcessLauncher launcher() {
        return ProcessLaunchers.fromEnvironment();
    }

    /** Local, http(s) and git flow-files, local ones relative to the config file's folder (or the working directory for a config from text). */
    static FlowFileResolver flowFiles(FloeConfig config, TypeCatalog types, Path cacheRoot) {
        Path dir = config.source().isEmpty() ? Path.of("").toAbsolutePath()
                : Path.of(config.source()).toAbsolutePath().getParent();
        FlowFiles files = FlowFiles.local(dir, config.common().flowFileRoots(), types)
                .with(FlowRefKind.WEB, new HttpFlowFiles(cacheRoot));
        GitFlowFiles git = new GitFlowFiles(cacheRoot.resolveSibling("git_cache"),
                GitAuth.withKeyFile(config.common().gitKey()));
        // a git flow-file is read at the ref the trigger gives (a pushed branch, a polled hash), else the default branch
        return (flow, opts) -> files.with(FlowRefKind.GIT, ref -> git.load(ref, Opts.string(opts, "ref").isBlank()
                ? Opts.string(opts, "hash") : Opts.string(opts, "ref")).text()).load(flow);
    }
}
