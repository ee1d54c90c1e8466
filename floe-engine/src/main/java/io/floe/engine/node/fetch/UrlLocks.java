package io.floe.engine.node.fetch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One download per URL at a time. Within one owner (a {@code fetch} task type, an http flow-file loader) waiting
 * callers queue on a semaphore; across owners and processes sharing a store the lock file is locked too, so two
 * hosts or loaders never write the same partial download.
 */
final class UrlLocks {
    /** How long to wait before retrying a lock file held by another owner in this JVM. */
    private static final long RETRY_MILLIS = 50;

    private final ConcurrentHashMap<Path, Holder> held = new ConcurrentHashMap<>();

    /** Releases the lock. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Holder {
        final Semaphore semaphore = new Semaphore(1);
        int users;
    }

    /**
     * Locks {@code lockFile}, waiting as long as it takes; an interrupt ends the wait.
     *
     * @param onWait run once, before waiting, when the lock is held by someone else
     */
    Lease acquire(Path lockFile, Runnable onWait) throws IOException, InterruptedException {
        Holder h = held.compute(lockFile, (k, v) -> {
            Holder out = v == null ? new Holder() : v;
            out.users++;
            return out;
        });
        boolean waited = false;
        try {
            if (!h.semaphore.tryAcquire()) {
                waited = true;
                onWait.run();
                h.semaphore.acquire();
            }
        } catch (InterruptedException | RuntimeException e) {
            drop(lockFile);
            throw e;
        }
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = lockFile(channel, waited ? () -> { } : onWait);
                return () -> {
                    try {
                        lock.release();
                        channel.close();
                    } catch (IOException e) {
                        // closing the channel releases the lock anyway
                    } finally {
                        h.semaphore.release();
                        drop(lockFile);
                    }
                };
            } catch (IOException | InterruptedException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            h.semaphore.release();
            drop(lockFile);
            throw e;
        }
    }

    private static FileLock lockFile(FileChannel channel, Runnable onWait) throws IOException, InterruptedException {
        boolean told = false;
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
                // another process holds it: block until it lets go
                if (!told) {
                    onWait.run();
                    told = true;
                }
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                // another owner in this JVM holds it; file locks can not queue within one JVM, so poll
                if (!told) {
                    onWait.run();
                    told = true;
                }
                TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
            }
        }
    }

    private void drop(Path lockFile) {
        held.computeIfPresent(lockFile, (k, v) -> --v.users == 0 ? null : v);
    }
}
