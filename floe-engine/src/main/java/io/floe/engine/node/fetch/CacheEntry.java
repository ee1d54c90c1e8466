package io.floe.engine.node.fetch;

/**
 * What the cache knows about one URL (its sidecar file): the complete copy's file name and validators, and those of
 * a partial download that can be resumed. Empty strings stand for "none".
 *
 * @param url              the URL the entry is for (the cache files are named by its hash)
 * @param name             the download's file name, used in the workspace; empty when there is no complete copy
 * @param etag             the complete copy's {@code ETag}
 * @param lastModified     the complete copy's {@code Last-Modified}
 * @param partName         the partial download's file name; empty when there is no partial download
 * @param partEtag         the partial download's {@code ETag}
 * @param partLastModified the partial download's {@code Last-Modified}
 */
record CacheEntry(String url, String name, String etag, String lastModified,
        String partName, String partEtag, String partLastModified) {

    CacheEntry {
        name = orEmpty(name);
        etag = orEmpty(etag);
        lastModified = orEmpty(lastModified);
        partName = orEmpty(partName);
        partEtag = orEmpty(partEtag);
        partLastModified = orEmpty(partLastModified);
    }

    static CacheEntry empty(String url) {
        return new CacheEntry(url, "", "", "", "", "", "");
    }

    boolean hasComplete() {
        return !name.isEmpty();
    }

    boolean hasPart() {
        return !partName.isEmpty();
    }

    /**
     * The {@code If-Range} value that lets the partial download be resumed: a strong ETag, else Last-Modified; empty
     * when neither is known, and then resuming is not safe.
     */
    String partValidator() {
        if (!partEtag.isEmpty() && !partEtag.startsWith("W/")) {
            return partEtag;
        }
        return partLastModified;
    }

    CacheEntry withComplete(String name, String etag, String lastModified) {
        return new CacheEntry(url, name, etag, lastModified, "", "", "");
    }

    CacheEntry withoutComplete() {
        return new CacheEntry(url, "", "", "", partName, partEtag, partLastModified);
    }

    CacheEntry withPart(String name, String etag, String lastModified) {
        return new CacheEntry(url, this.name, this.etag, this.lastModified, name, etag, lastModified);
    }

    CacheEntry withoutPart() {
        return new CacheEntry(url, name, etag, lastModified, "", "", "");
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
