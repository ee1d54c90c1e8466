package io.floe.engine.node.fetch;

import io.floe.engine.workspace.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A host's download cache ({@code <store-root>/fetch_cache}), shared by {@code fetch} tasks and http flow-files.
 * Entries are keyed by URL, not by file name, so two URLs ending in the same name never share a copy.
 */
final class FetchCache {
    private final Path root;
    private final UrlLocks locks;

    FetchCache(Path root, UrlLocks locks) {
        this.root = root.toAbsolutePath().normalize();
        this.locks = locks;
    }

    Path root() {
        return root;
    }

    /** The files for {@code url}; creates the cache folder if needed. */
    CacheSlot slot(String url) throws IOException {
        PrivateFiles.folder(root);
        String key = key(url);
        return new CacheSlot(url, root.resolve(key), root.resolve(key + ".part"), root.resolve(key + ".meta"),
                root.resolve(key + ".lock"));
    }

    /** Waits until no other download of the slot's URL is under way, and holds it until the lease is closed. */
    UrlLocks.Lease lock(CacheSlot slot, Runnable onWait) throws IOException, InterruptedException {
        return locks.acquire(slot.lock(), onWait);
    }

    /** The first 128 bits of the URL's SHA-256, in hex: a file name that is safe and, in practice, unique. */
    static String key(String url) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
