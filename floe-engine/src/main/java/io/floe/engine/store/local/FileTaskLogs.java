package io.floe.engine.store.local;

import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.StoreException;
import io.floe.engine.spi.TaskLogs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task logs as files: one append-only UTF-8 file per node at {@code <logs>/<run host>-<run number>/<node id>.log},
 * with ids encoded to safe file names (see {@link LogNames}); no id can name a file outside the logs folder.
 * <p>
 * Different nodes append in parallel; one node's lines are appended in order. Lines are buffered and handed to the OS
 * on {@link #flush}, when the buffer fills, and before any read of that log. With {@code syncOnFlush}, flush also
 * forces them to the disk. At most {@value #MAX_OPEN} logs are held open; the least recently used beyond that is
 * written out and closed, and opened again (its lines counted once more) when next used.
 * <p>
 * A failure to write or read a log throws a {@link StoreException} naming the file.
 */
public final class FileTaskLogs implements TaskLogs, AutoCloseable {
    static final int MAX_OPEN = 256;
    /** How often buffered log lines are handed to the OS. */
    static final long DRAIN_MILLIS = 200;
    private final java.util.concurrent.ScheduledExecutorService drainer;

    private final Path logsDir;
    private final boolean syncOnFlush;
    private final Map<Path, LogFile> open = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, LogFile> eldest) {
            if (size() <= MAX_OPEN) {
                return false;
            }
            retire(eldest.getValue());
            return true;
        }
    };
    private boolean closed;

    /** Logs under {@code logsDir} (created on the first append), handed to the OS on flush. */
    public FileTaskLogs(Path logsDir) {
        this(logsDir, false);
    }

    /** Logs under {@code logsDir}; with {@code syncOnFlush} a flush also forces the lines to the disk. */
    public FileTaskLogs(Path logsDir, boolean syncOnFlush) {
        this.logsDir = logsDir.toAbsolutePath().normalize();
        this.syncOnFlush = syncOnFlush;
        this.drainer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floe-log-drain");
            t.setDaemon(true);
            return t;
        });
        drainer.scheduleWithFixedDelay(this::drainAll, DRAIN_MILLIS, DRAIN_MILLIS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Hands every open log's buffered lines to the OS, so a host killed with SIGKILL loses at most this much. */
    private void drainAll() {
        List<LogFile> all;
        synchronized (open) {
            all = new ArrayList<>(open.values());
        }
        for (LogFile log : all) {
            try {
                log.drainBuffer();
            } catch (IOException | RuntimeException e) {
                // the next append or flush reports the problem to the task; nothing to add here
            }
        }
    }

    /** The folder holding the logs. */
    public Path dir() {
        return logsDir;
    }

    /** The file that holds (or will hold) the log of {@code nodeId} in {@code run}. */
    public Path file(HostedRef run, String nodeId) {
        return LogNames.file(logsDir, run, nodeId);
    }

    @Override
    public void append(HostedRef run, String nodeId, String line) {
        Path path = file(run, nodeId);
        try {
            while (!log(path).append(line)) {
                // retired between lookup and use: the next lookup gives its successor
            }
        } catch (IOException e) {
            throw new StoreException("could not append to task log " + path + ": " + e.getMessage()
                    + "; check that the disk has room and the folder is writable", e);
        }
    }

    @Override
    public List<String> read(HostedRef run, String nodeId, long from, int max) {
        Path path = file(run, nodeId);
        try {
            List<String> lines;
            while ((lines = log(path).read(from, max)) == null) {
                // retired between lookup and use
            }
            return lines;
        } catch (IOException e) {
            throw new StoreException("could not read task log " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long count(HostedRef run, String nodeId) {
        Path path = file(run, nodeId);
        try {
            long n;
            while ((n = log(path).count()) < 0) {
                // retired between lookup and use
            }
            return n;
        } catch (IOException e) {
            throw new StoreException("could not read task log " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush(HostedRef run, String nodeId) {
        Path path = file(run, nodeId);
        LogFile log;
        synchronized (open) {
            log = open.get(path);
        }
        if (log == null) {
            return; // never opened, or retired, which wrote everything out
        }
        try {
            log.flush();
        } catch (IOException e) {
            throw new StoreException("could not flush task log " + path + ": " + e.getMessage()
                    + "; check that the disk has room", e);
        }
    }

    private LogFile log(Path path) {
        synchronized (open) {
            if (closed) {
                throw new IllegalStateException("task logs in " + logsDir + " are closed");
            }
            return open.computeIfAbsent(path, p -> new LogFile(p, syncOnFlush));
        }
    }

    private void retire(LogFile log) {
        try {
            log.retire();
        } catch (IOException e) {
            throw new StoreException("could not write out task log " + log.path() + ": " + e, e);
        }
    }

    /** Writes out and closes every log; later calls fail. */
    @Override
    public void close() {
        // not shutdownNow: interrupting a drain in the middle of a write closes its file channel (NIO does), and the
        // log's last lines were then lost with "could not write out task log ...: null"
        drainer.shutdown();
        try {
            if (!drainer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                drainer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<LogFile> all;
        synchronized (open) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(open.values());
            open.clear();
        }
        StoreException first = null;
        for (LogFile log : all) {
            try {
                retire(log);
            } catch (StoreException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
