package io.floe.engine.node.fetch;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What to do with a download once it is in the cache. It runs while the URL is still locked, so no other download
 * replaces the cached file under it.
 */
@FunctionalInterface
interface CachedFile<T> {
    /**
     * @param file the complete, checked copy in the cache
     * @param name the download's file name (Content-Disposition or URL)
     */
    T use(Path file, String name) throws IOException, FetchException;
}
