package io.floe.engine.store.local;

import io.floe.engine.workspace.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One node's append-only log file: UTF-8 lines, each ended by a newline. Appends are buffered (up to
 * {@value #BUFFER} bytes) and reach the OS when the buffer fills, on {@link #flush}, within a moment of being written
 * (the owner calls {@link #drainBuffer} on a timer, so a killed host keeps its tasks' output), and before every read,
 * so readers
 * always see every appended line. The byte offset of every {@value #STRIDE}th line is kept, so reading from line
 * {@code n} seeks close to it instead of scanning the file: for a 100,000-line log the index is ~100 numbers.
 * <p>
 * All methods are synchronized: one node's lines are appended serially. Once {@link #retire retired} (its slot in
 * {@link FileTaskLogs} was given to another log) the object refuses work and the caller asks for a fresh one, so two
 * objects never write one file.
 */
final class LogFile {
    static final int STRIDE = 1024;
    private static final int BUFFER = 8192;
    private static final int FIRST_BUFFER = 512;
    private static final int CHUNK = 65536;
    /** A link in place of a log (made by a task) is refused, never followed: no task output is written through it. */
    private static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private final Path path;
    private final boolean syncOnFlush;
    private FileChannel channel;
    private boolean loaded;
    private boolean retired;
    /** Bytes in the file; lines counted; whether the file ends in a line without its newline (a crash mid-write). */
    private long written;
    private long lines;
    private boolean openLine;
    private long[] marks = new long[8];
    private int markCount;
    /** Grows as lines come, up to about {@value #BUFFER} bytes: most task logs are a few short lines. */
    private byte[] buffer = new byte[FIRST_BUFFER];
    private int buffered;

    LogFile(Path path, boolean syncOnFlush) {
        this.path = path;
        this.syncOnFlush = syncOnFlush;
    }

    /** Appends one line; false when this object was retired and the caller must fetch a fresh one. */
    synchronized boolean append(String line) throws IOException {
        if (retired) {
            return false;
        }
        if (channel == null) {
            channel = openForAppend();
        }
        load();
        if (openLine) {
            put(new byte[] {'\n'});
            openLine = false;
        }
        noteLineStart(lines, written + buffered);
        put(LogNames.oneLine(line).getBytes(StandardCharsets.UTF_8));
        put(new byte[] {'\n'});
        lines++;
        if (buffered >= BUFFER) {
            drain();
        }
        return true;
    }

    /**
     * Opens (creating) the file, and its run's folder when that is missing: only the run's first log creates it, so
     * the others spend no system call on it (creating files is what a trivial task costs floe most).
     */
    private FileChannel openForAppend() throws IOException {
        try {
            return PrivateFiles.open(path, APPEND);
        } catch (NoSuchFileException e) {
            PrivateFiles.folder(path.getParent());
            return PrivateFiles.open(path, APPEND);
        }
    }

    /** Hands buffered lines to the OS, keeping the file open; what a crash of this process may lose. */
    synchronized void drainBuffer() throws IOException {
        if (channel != null && !retired) {
            drain();
        }
    }

    /** Hands buffered lines to the OS (and to the disk when asked to sync), then closes the file until the next append. */
    synchronized void flush() throws IOException {
        if (channel == null) {
            return;
        }
        drain();
        if (syncOnFlush) {
            channel.force(false);
        }
        // the hub flushes when the node finishes, so the handle is not needed any more
        channel.close();
        channel = null;
    }

    /** The number of lines, or -1 when retired. */
    synchronized long count() throws IOException {
        if (retired) {
            return -1;
        }
        load();
        return lines;
    }

    /** Up to {@code max} lines from line {@code from}; null when retired. */
    synchronized List<String> read(long from, int max) throws IOException {
        if (retired) {
            return null;
        }
        load();
        long start = Math.max(0, from);
        if (max <= 0 || start >= lines) {
            return List.of();
        }
        drain();
        int wanted = (int) Math.min(max, lines - start);
        int mark = (int) Math.min(start / STRIDE, markCount - 1);
        long skip = start - (long) mark * STRIDE;
        List<String> out = new ArrayList<>(Math.min(wanted, 4096));
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            byte[] line = new byte[256];
            int len = 0;
            long pos = marks[mark];
            while (out.size() < wanted) {
                chunk.clear();
                int n = in.read(chunk, pos);
                if (n <= 0) {
                    if (len > 0 || openLine) {
                        out.add(new String(line, 0, len, StandardCharsets.UTF_8)); // the unterminated last line
                    }
                    break;
                }
                pos += n;
                byte[] bytes = chunk.array();
                for (int i = 0; i < n && out.size() < wanted; i++) {
                    if (bytes[i] != '\n') {
                        if (skip == 0) {
                            if (len == line.length) {
                                line = Arrays.copyOf(line, len * 2);
                            }
                            line[len++] = bytes[i];
                        }
                    } else if (skip > 0) {
                        skip--;
                    } else {
                        out.add(new String(line, 0, len, StandardCharsets.UTF_8));
                        len = 0;
                    }
                }
            }
        }
        return out;
    }

    /** Writes what is buffered, closes the file and refuses further work. */
    synchronized void retire() throws IOException {
        try {
            if (channel != null) {
                drain();
                if (syncOnFlush) {
                    channel.force(false); // a later flush of this node finds nothing open to force
                }
                channel.close();
            }
        } finally {
            channel = null;
            retired = true;
        }
    }

    /** Counts the lines of an existing file once, noting the offsets of every {@value #STRIDE}th line. */
    private void load() throws IOException {
        if (loaded) {
            return;
        }
        lines = 0;
        markCount = 0;
        noteLineStart(0, 0);
        if (channel != null ? channel.size() > 0 : Files.exists(path)) {
            try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
                long pos = 0;
                byte last = '\n';
                int n;
                while ((n = in.read(chunk.clear(), pos)) > 0) {
                    byte[] bytes = chunk.array();
                    for (int i = 0; i < n; i++) {
                        if (bytes[i] == '\n') {
                            lines++;
                            noteLineStart(lines, pos + i + 1);
                        }
                    }
                    last = bytes[n - 1];
                    pos += n;
                }
                written = pos;
                if (last != '\n') {
                    lines++; // a line cut short by a crash still counts; the next append ends it first
                    openLine = true;
                }
            }
        }
        loaded = true;
    }

    private void noteLineStart(long line, long offset) {
        if (line % STRIDE == 0 && line / STRIDE == markCount) {
            if (markCount == marks.length) {
                marks = Arrays.copyOf(marks, markCount * 2);
            }
            marks[markCount++] = offset;
        }
    }

    private void put(byte[] bytes) {
        if (buffered + bytes.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + bytes.length));
        }
        System.arraycopy(bytes, 0, buffer, buffered, bytes.length);
        buffered += bytes.length;
    }

    private void drain() throws IOException {
        if (buffered == 0) {
            return;
        }
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, buffered);
        while (out.hasRemaining()) {
            written += channel.write(out, written);
        }
        buffered = 0;
        if (buffer.length > BUFFER * 4) {
            buffer = new byte[BUFFER]; // one huge line should not pin its memory for the rest of the task
        }
    }

    Path path() {
        return path;
    }
}
