package io.floe.engine.artifact;

import io.floe.engine.event.HostedRef;
import io.floe.engine.workspace.FileTrees;
import io.floe.engine.workspace.PrivateFiles;
import io.floe.engine.workspace.RealPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a host keeps the files tasks leave behind: {@code <store-root>/artifacts/<flow>/<run>/files/<node>/<path>},
 * with {@code notes/<node>} (what was not kept, and why) and {@code kept-at} (when files were last kept, for
 * {@code artifacts-keep}) beside them. All of it is private to the host's user, as the store is.
 */
public final class ArtifactStore {
    private static final Logger log = LoggerFactory.getLogger(ArtifactStore.class);
    private static final String FILES = "files";
    private static final String NOTES = "notes";
    private static final String KEPT_AT = "kept-at";

    private final Path root;

    /** The artifacts of the host whose store root is {@code storeRoot}. */
    public ArtifactStore(Path storeRoot) {
        this.root = storeRoot.resolve("artifacts").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** What {@code run} of {@code flowId} kept, by task and path; nothing when it kept nothing. */
    public RunArtifacts list(String flowId, HostedRef run) {
        Path folder = runFolder(flowId, run);
        List<Artifact> files = new ArrayList<>();
        List<ArtifactNote> notes = new ArrayList<>();
        try {
            for (Path nodeFolder : children(folder.resolve(FILES))) {
                String node = FolderNames.id(nodeFolder.getFileName().toString());
                try (Stream<Path> all = Files.walk(nodeFolder)) {
                    for (Path p : all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                        files.add(new Artifact(node, slashed(nodeFolder.relativize(p)), Files.size(p)));
                    }
                }
            }
            for (Path noteFile : children(folder.resolve(NOTES))) {
                String node = FolderNames.id(noteFile.getFileName().toString());
                for (String line : Files.readAllLines(noteFile, StandardCharsets.UTF_8)) {
                    notes.add(new ArtifactNote(node, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("can not list the artifacts of run " + run + " in " + folder, e);
        }
        files.sort(Comparator.comparing(Artifact::node).thenComparing(Artifact::path));
        return new RunArtifacts(files, notes);
    }

    /**
     * The kept file {@code path} of task {@code node}, or empty when there is none.
     *
     * @param path as listed: relative, with {@code /} between folders
     * @throws IllegalArgumentException when {@code path} is not such a path ({@code ..}, absolute, empty parts)
     */
    public Optional<Path> file(String flowId, HostedRef run, String node, String path) {
        Path base = nodeFolder(flowId, run, node);
        Path p = base;
        if (path == null || path.isEmpty() || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("artifact path '" + path + "' is not a path as listed");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("artifact path '" + path
                        + "' has an empty, '.' or '..' part: give a path as listed");
            }
            p = p.resolve(part);
        }
        try {
            if (!p.normalize().startsWith(base) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    || !RealPaths.inside(p, base)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** How many bytes {@code run} keeps now, all its tasks together. */
    public long bytes(String flowId, HostedRef run) throws IOException {
        Path files = runFolder(flowId, run).resolve(FILES);
        if (!Files.isDirectory(files, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long sum = 0;
        try (Stream<Path> all = Files.walk(files)) {
            for (Path p : all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                sum += Files.size(p);
            }
        }
        return sum;
    }

    /** The folder a task's kept files go to, made private when missing. */
    Path nodeFolderForWriting(String flowId, HostedRef run, String node) throws IOException {
        return PrivateFiles.folder(nodeFolder(flowId, run, node));
    }

    /** Replaces the notes of task {@code node} in {@code run} (a task run again starts with none). */
    void notes(String flowId, HostedRef run, String node, List<String> lines) throws IOException {
        Path folder = runFolder(flowId, run).resolve(NOTES);
        Path file = folder.resolve(FolderNames.of(node));
        if (lines.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        PrivateFiles.folder(folder);
        Files.deleteIfExists(file);
        Files.write(file, String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        PrivateFiles.narrowIfPresent(file);
    }

    /** Notes when {@code run} last kept files, the time {@code artifacts-keep} counts from. */
    void stamp(String flowId, HostedRef run, Instant now) throws IOException {
        Path folder = PrivateFiles.folder(runFolder(flowId, run));
        Path file = PrivateFiles.file(folder.resolve(KEPT_AT));
        Files.writeString(file, now.toString(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Removes the artifacts of every run that last kept files {@code keep} or longer before {@code now}.
     *
     * @return how many runs' artifacts were removed
     */
    public int sweep(Instant now, Duration keep) {
        int removed = 0;
        try {
            for (Path flow : children(root)) {
                for (Path run : children(flow)) {
                    Instant kept = keptAt(run);
                    if (!kept.plus(keep).isAfter(now)) {
                        FileTrees.delete(run);
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            log.error("artifacts in {} older than {} could not all be removed: {}", root, keep, e.getMessage());
        }
        return removed;
    }

    /** Removes what {@code run} kept. */
    public void delete(String flowId, HostedRef run) throws IOException {
        FileTrees.delete(runFolder(flowId, run));
    }

    private static Instant keptAt(Path run) throws IOException {
        Path file = run.resolve(KEPT_AT);
        try {
            return Instant.parse(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException | DateTimeParseException e) { // cut short by a crash: the folder's own time is close
            return Files.getLastModifiedTime(run, LinkOption.NOFOLLOW_LINKS).toInstant();
        }
    }

    private Path runFolder(String flowId, HostedRef run) {
        return root.resolve(FolderNames.of(flowId)).resolve(FolderNames.of(run.toString()));
    }

    private Path nodeFolder(String flowId, HostedRef run, String node) {
        return runFolder(flowId, run).resolve(FILES).resolve(FolderNames.of(node));
    }

    private static List<Path> children(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            ds.forEach(out::add);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    static String slashed(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

}
