package io.floe.engine.node.fetch;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The files the download cache keeps for one URL, all named by the URL's hash {@code <key>}: the complete copy
 * {@code <key>}, a partial download {@code <key>.part}, the sidecar {@code <key>.meta} (a {@link CacheEntry}) and
 * {@code <key>.lock}, which {@link UrlLocks} locks while a download of the URL is under way.
 */
record CacheSlot(String url, Path file, Path part, Path meta, Path lock) {

    /** The sidecar, or an empty entry when there is none (or it is for another URL, or unreadable). */
    CacheEntry read() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return CacheEntry.empty(url);
        } catch (IOException | IllegalArgumentException e) {
            // a damaged sidecar costs one download, nothing more
            return CacheEntry.empty(url);
        }
        if (!url.equals(p.getProperty("url"))) {
            return CacheEntry.empty(url);
        }
        return new CacheEntry(url, p.getProperty("name"), p.getProperty("etag"), p.getProperty("last-modified"),
                p.getProperty("part-name"), p.getProperty("part-etag"), p.getProperty("part-last-modified"));
    }

    /** Replaces the sidecar in one step (written beside it, then moved over it), so readers never see half of it. */
    void write(CacheEntry e) throws IOException {
        Properties p = new Properties();
        p.setProperty("url", e.url());
        put(p, "name", e.name());
        put(p, "etag", e.etag());
        put(p, "last-modified", e.lastModified());
        put(p, "part-name", e.partName());
        put(p, "part-etag", e.partEtag());
        put(p, "part-last-modified", e.partLastModified());
        Path tmp = Files.createTempFile(meta.getParent(), meta.getFileName().toString(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "floe download cache: " + e.url());
            }
            Files.move(tmp, meta, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void put(Properties p, String key, String value) {
        if (!value.isEmpty()) {
            p.setProperty(key, value);
        }
    }
}
