package io.floe.engine.artifact;

import io.floe.engine.config.ArtifactGlobs;
import io.floe.engine.config.ArtifactSettings;
import io.floe.engine.config.ByteSizes;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.event.RunRef;
import io.floe.engine.spi.OutputSink;
import io.floe.engine.spi.Workspace;
import io.floe.engine.workspace.PrivateFiles;
import io.floe.engine.workspace.RealPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the files a task's {@code artifacts} globs match once the task has ended, whatever its result, by copying them
 * from its folder into the {@link ArtifactStore}. Only regular files whose real path (symbolic links followed) lies in
 * the run's workspace are copied; a run keeps at most {@code artifacts-max-size} bytes. Every file it leaves out is
 * said in the task's log and kept as a note for the run view; a failure here never changes the task's result.
 */
public final class ArtifactKeeper implements TaskArtifacts {
    private static final Logger log = LoggerFactory.getLogger(ArtifactKeeper.class);
    /** Files named one by one in a message; the rest are counted. */
    private static final int NAMED = 10;

    private final ArtifactStore store;
    private final Supplier<ArtifactSettings> settings;
    private final Clock clock;

    /** @param settings read at each task's end, so a reloaded config applies to the next task */
    public ArtifactKeeper(ArtifactStore store, Supplier<ArtifactSettings> settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** A file a glob matched: where it is, relative to the task's folder, and where its content really is. */
    private record Match(String path, Path source, long size) {}

    /**
     * Keeps what the task's {@code artifacts} option matches in its folder, saying each thing left out in its
     * {@code log}. Nothing when the task has no such option.
     */
    @Override
    public void keep(RunRef run, NodeConfig node, Map<String, Object> opts, Workspace ws, OutputSink log) {
        List<String> globs = ArtifactGlobs.of(opts);
        if (globs.isEmpty()) {
            return;
        }
        String flow = run.flowRef().id();
        List<String> notes = new ArrayList<>();
        OutputSink noted = line -> {
            notes.add(line);
            log.line(line);
        };
        try {
            keep(run, node, opts, ws, globs, noted, log);
        } catch (IOException | RuntimeException e) {
            noted.line("artifacts of task " + node.id() + " could not all be kept: " + e.getMessage());
            ArtifactKeeper.log.error("run {} task {}: artifacts: {}", run.run(), node.id(), e.toString());
        }
        try {
            store.notes(flow, run.run(), node.id(), notes);
            store.stamp(flow, run.run(), clock.instant());
        } catch (IOException | RuntimeException e) {
            ArtifactKeeper.log.error("run {} task {}: the artifact notes could not be written: {}", run.run(),
                    node.id(), e.toString());
        }
        sweep();
    }

    /** Removes the artifacts of runs that kept them {@code artifacts-keep} ago or longer; nothing without that. */
    @Override
    public void sweep() {
        settings.get().keepFor().ifPresent(keep -> store.sweep(clock.instant(), keep));
    }

    private void keep(RunRef run, NodeConfig node, Map<String, Object> opts, Workspace ws, List<String> globs,
            OutputSink noted, OutputSink log) throws IOException {
        Path folder;
        try {
            folder = ws.resolveInside("sub-dir", Opts.string(opts, "sub-dir"));
        } catch (IllegalArgumentException e) {
            noted.line("artifacts of task " + node.id() + " not kept: " + e.getMessage());
            return;
        }
        List<Match> matches = matches(folder, globs, ws, noted);
        if (matches.isEmpty()) {
            log.line("artifacts: nothing matched " + String.join(", ", globs) + " in " + folder);
            return;
        }
        String flow = run.flowRef().id();
        long limit = settings.get().maxRunBytes();
        long used = store.bytes(flow, run.run());
        Path into = store.nodeFolderForWriting(flow, run.run(), node.id());
        long keptBytes = 0;
        int kept = 0;
        for (int i = 0; i < matches.size(); i++) {
            Match m = matches.get(i);
            Path target = into.resolve(m.path()).normalize();
            long replaced = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) ? Files.size(target) : 0;
            if (used - replaced + m.size() > limit) {
                noted.line(overLimit(node, matches.subList(i, matches.size()), kept, keptBytes, used, limit));
                break;
            }
            long copied = copy(m.source(), target, limit - used + replaced);
            used += copied - replaced;
            keptBytes += copied;
            kept++;
        }
        if (kept > 0) {
            log.line("artifacts: kept " + files(kept) + " (" + ByteSizes.format(keptBytes) + ") of task " + node.id()
                    + "; the run keeps " + ByteSizes.format(used) + " of its " + ByteSizes.format(limit));
        }
    }

    /** The files the globs match under {@code folder}, in path order; links leading out of the workspace are noted. */
    private static List<Match> matches(Path folder, List<String> globs, Workspace ws, OutputSink noted)
            throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String g : globs) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
        }
        List<Match> out = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> all = Files.walk(folder)) { // links are not followed into: a link is one entry
            entries = all.filter(p -> !p.equals(folder)).sorted().toList();
        }
        for (Path p : entries) {
            Path rel = folder.relativize(p);
            if (!matched(rel, matchers) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String path = ArtifactStore.slashed(rel);
            Path source = p;
            if (Files.isSymbolicLink(p)) {
                Path real = RealPaths.of(p);
                if (!RealPaths.inside(p, ws.root())) {
                    noted.line("artifact " + path + " not kept: it is a symbolic link to " + real
                            + ", outside the workspace " + ws.root());
                    continue;
                }
                source = real;
            }
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                continue; // a folder reached through a link, a pipe, a device: not a file to keep
            }
            out.add(new Match(path, source, Files.size(source)));
        }
        return out;
    }

    /** A glob matches the path itself or a folder it lies in, so {@code build/reports} keeps the whole folder. */
    private static boolean matched(Path rel, List<PathMatcher> matchers) {
        for (Path p = rel; p != null; p = p.getParent()) {
            for (PathMatcher m : matchers) {
                if (m.matches(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Copies at most {@code room} bytes (a file still growing is cut there); the copy is private to the host. */
    private static long copy(Path source, Path target, long room) throws IOException {
        PrivateFiles.folder(target.getParent());
        Files.deleteIfExists(target);
        long n = 0;
        try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
                OutputStream out = Channels.newOutputStream(PrivateFiles.open(target,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)))) {
            byte[] buf = new byte[64 * 1024];
            int r;
            while (n < room && (r = in.read(buf, 0, (int) Math.min(buf.length, room - n))) > 0) {
                out.write(buf, 0, r);
                n += r;
            }
        }
        return n;
    }

    private static String overLimit(NodeConfig node, List<Match> left, int kept, long keptBytes, long used,
            long limit) {
        long leftBytes = left.stream().mapToLong(Match::size).sum();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < left.size() && i < NAMED; i++) {
            names.append(i == 0 ? "" : ", ").append(left.get(i).path()).append(" (")
                    .append(ByteSizes.format(left.get(i).size())).append(')');
        }
        if (left.size() > NAMED) {
            names.append(" and ").append(left.size() - NAMED).append(" more");
        }
        return "artifacts of task " + node.id() + " over the limit: " + files(left.size()) + " ("
                + ByteSizes.format(leftBytes) + ") not kept, since the run would keep "
                + ByteSizes.format(used + leftBytes) + ", over its limit of " + ByteSizes.format(limit)
                + " (common.artifacts-max-size); kept before the limit: " + files(kept) + " ("
                + ByteSizes.format(keptBytes) + "); not kept: " + names;
    }

    private static String files(int n) {
        return n == 1 ? "1 file" : n + " files";
    }
}
