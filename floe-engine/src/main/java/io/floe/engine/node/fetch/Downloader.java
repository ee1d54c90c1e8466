package io.floe.engine.node.fetch;

import io.floe.engine.spi.Cancellation;
import io.floe.engine.spi.OutputSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Brings a URL into the {@link FetchCache} (floe-spec §4.6), talking HTTP the careful way: a cached copy is
 * revalidated ({@code If-None-Match}, {@code If-Modified-Since}; 304 keeps it), a partial download is resumed
 * ({@code Range} with {@code If-Range}; 206 appends, 200 starts again), the body goes to {@code <key>.part} and is
 * moved over the cached copy only when whole. One download per URL runs at a time.
 *
 * <p>Cached copies are made read-only: the workspace gets a hard link to the same file, and a task that wrote to
 * it would otherwise change the cache under every later run.
 *
 * <p>Runs on the calling thread, which it blocks; a cancellation or a stalled read aborts it promptly.
 */
final class Downloader {
    static final String NON_2XX = "server returned a non-2XX status code";
    private static final int BUFFER = 64 * 1024;

    private final HttpClient client;
    private final Duration readTimeout;
    private final ScheduledExecutorService scheduler;

    /**
     * @param readTimeout how long to wait for the response headers, and for each piece of the body
     * @param scheduler   runs the progress lines and the idle-read watchdog
     */
    Downloader(HttpClient client, Duration readTimeout, ScheduledExecutorService scheduler) {
        this.client = client;
        this.readTimeout = readTimeout;
        this.scheduler = scheduler;
    }

    /**
     * Makes sure the cache holds the current copy of {@code url}, checks it against {@code checksum} (if not null)
     * and hands it to {@code use}, all while holding the URL's lock.
     *
     * @throws FetchException with the cause, for {@code Download failed: <cause>}
     */
    <T> T fetch(FetchCache cache, String url, Checksum checksum, OutputSink out, Cancellation cancellation,
            CachedFile<T> use) throws FetchException {
        URI uri = HttpUrl.parse(url);
        TransferGuard guard = new TransferGuard();
        cancellation.onCancel(() -> guard.abort("cancelled: " + cancellation.reason()));
        try {
            out.line("Downloading " + url + "...");
            CacheSlot slot = cache.slot(url);
            try (UrlLocks.Lease lease = cache.lock(slot,
                    () -> out.line("  waiting for another download of this url to finish"))) {
                CacheEntry entry = slot.read();
                if (checksum != null && entry.hasComplete() && Files.isRegularFile(slot.file())
                        && checksum.matches(slot.file())) {
                    out.line("  the cached copy matches the " + checksum.algorithm().option()
                            + " checksum; not downloaded again");
                } else {
                    entry = transfer(uri, slot, entry, out, guard);
                    verify(slot, entry, checksum);
                }
                out.line("Download saved to " + slot.file());
                return use.use(slot.file(), entry.name());
            }
        } catch (IOException | InterruptedException e) {
            if (guard.reason() != null) {
                throw new FetchException(guard.reason(), e);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new FetchException("interrupted: the host is shutting down", e);
            }
            throw new FetchException(Failures.describe(e, uri, readTimeout), e);
        } finally {
            guard.end();
        }
    }

    private CacheEntry transfer(URI uri, CacheSlot slot, CacheEntry cached, OutputSink out, TransferGuard guard)
            throws IOException, InterruptedException, FetchException {
        CacheEntry entry = cached;
        boolean mayResume = true;
        while (true) {
            boolean haveComplete = entry.hasComplete() && Files.isRegularFile(slot.file());
            long partSize = entry.hasPart() && Files.isRegularFile(slot.part()) ? Files.size(slot.part()) : 0;
            boolean resume = mayResume && partSize > 0 && !entry.partValidator().isEmpty();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET();
            if (haveComplete && !entry.etag().isEmpty()) {
                request.header("If-None-Match", entry.etag());
            }
            if (haveComplete && !entry.lastModified().isEmpty()) {
                request.header("If-Modified-Since", entry.lastModified());
            }
            if (resume) {
                request.header("Range", "bytes=" + partSize + "-");
                request.header("If-Range", entry.partValidator());
            }
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                guard.watch(body);
                int code = response.statusCode();
                out.line("  " + StatusText.of(code));
                if (code == 304 && haveComplete) {
                    out.line("  the cached copy is current");
                    return entry.hasPart() ? dropPart(slot, entry) : entry;
                }
                Optional<ContentRange> range = response.headers().firstValue("Content-Range")
                        .flatMap(ContentRange::parse);
                boolean resumed = code == 206 && resume && range.isPresent() && range.get().start() == partSize;
                if ((code == 416 || code == 206) && resume && !resumed) {
                    out.line("  the partial download can not be resumed; starting again");
                    entry = dropPart(slot, entry);
                    mayResume = false;
                    continue;
                }
                if (code < 200 || code > 299 || code == 206 && !resumed) {
                    throw new FetchException(NON_2XX);
                }
                if (resumed) {
                    out.line("  resuming after " + partSize + " bytes");
                } else if (resume) {
                    out.line("  the server sent the whole file; starting again");
                }
                return receive(response, body, slot, entry, resumed ? partSize : 0, range, out, guard);
            } finally {
                guard.watch(null);
            }
        }
    }

    /** Writes the body to the part file, then moves it over the cached copy. */
    private CacheEntry receive(HttpResponse<InputStream> response, InputStream body, CacheSlot slot,
            CacheEntry entry, long start, Optional<ContentRange> range, OutputSink out, TransferGuard guard)
            throws IOException, FetchException {
        String name = FileNames.choose(response.headers().firstValue("Content-Disposition"), response.uri());
        String etag = response.headers().firstValue("ETag").orElse("");
        String lastModified = response.headers().firstValue("Last-Modified").orElse("");
        CacheEntry receiving = entry.withPart(name, etag, lastModified);
        slot.write(receiving);
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long total = start > 0 && range.isPresent() && range.get().total() >= 0 ? range.get().total()
                : length >= 0 ? start + length : -1;
        Progress progress = new Progress(out, start, total, readTimeout, guard);
        OpenOption[] mode = start > 0
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND}
                : new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING};
        try (FileChannel channel = FileChannel.open(slot.part(), mode)) {
            progress.start(scheduler);
            byte[] buf = new byte[BUFFER];
            try {
                for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        channel.write(bb);
                    }
                    progress.add(n);
                }
            } catch (IOException e) {
                progress.stop();
                if (guard.reason() != null) {
                    throw e;
                }
                throw new FetchException("connection lost after " + progress.describe() + " ("
                        + Failures.describe(e, response.uri(), readTimeout) + "); " + keptFor(receiving), e);
            }
            if (total >= 0 && progress.done() != total) {
                progress.stop();
                throw new FetchException("the server sent " + progress.describe() + "; " + keptFor(receiving));
            }
            // the move below must not publish a file whose bytes are not yet on disk
            channel.force(true);
            progress.finish();
        } finally {
            progress.stop();
        }
        Files.move(slot.part(), slot.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        readOnly(slot.file());
        CacheEntry complete = receiving.withComplete(name, etag, lastModified);
        slot.write(complete);
        return complete;
    }

    /** Checks the cached copy; a copy that does not match is deleted, so the next fetch downloads it again. */
    private static void verify(CacheSlot slot, CacheEntry entry, Checksum checksum)
            throws IOException, FetchException {
        if (checksum == null) {
            return;
        }
        String actual = checksum.digestOf(slot.file());
        if (!actual.equals(checksum.hex())) {
            Files.deleteIfExists(slot.file());
            slot.write(entry.withoutComplete());
            throw new FetchException("checksum mismatch: expected " + checksum.algorithm().option() + " "
                    + checksum.hex() + " but the download has " + actual
                    + "; the cached copy was deleted (check the checksum, or whether the file at the url changed)");
        }
    }

    private static CacheEntry dropPart(CacheSlot slot, CacheEntry entry) throws IOException {
        Files.deleteIfExists(slot.part());
        CacheEntry out = entry.withoutPart();
        slot.write(out);
        return out;
    }

    private static String keptFor(CacheEntry receiving) {
        return receiving.partValidator().isEmpty()
                ? "the next fetch starts again (the server gives no ETag or Last-Modified to resume by)"
                : "the part is kept and the next fetch resumes it";
    }

    private static void readOnly(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(file));
            perms.removeAll(Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_WRITE));
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException e) {
            if (!file.toFile().setWritable(false, false)) {
                throw new IOException("can not make the cached copy " + file + " read-only");
            }
        }
    }
}
