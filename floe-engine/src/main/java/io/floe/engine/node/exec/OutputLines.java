package io.floe.engine.node.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a process's output into lines: {@code \n} or {@code \r\n} end a line, bytes are decoded as UTF-8 (malformed
 * ones become U+FFFD), and a line longer than {@link #MAX_LINE} bytes is passed on in chunks of at most that size,
 * never cutting a character in two. It reads until end-of-file whatever the lines look like, so the process can never
 * block on a full pipe (the original's reader stopped at the first line over 64 KiB).
 */
final class OutputLines {
    /** The longest line passed on in one piece, in bytes. */
    static final int MAX_LINE = 64 * 1024;

    /** Most output lines are short: the line buffer starts small and grows up to {@link #MAX_LINE} when needed. */
    private static final int FIRST_LINE_BUFFER = 256;
    private static final int READ_BUFFER = 8 * 1024;

    private final Consumer<String> lines;
    private byte[] line = new byte[FIRST_LINE_BUFFER];
    private int length;
    /** The offset in the stream of the first byte of the last read. */
    private long readBase;
    /** The offset in the stream just past the line being passed on (its newline included). */
    private long lineEnd;

    OutputLines(Consumer<String> lines) {
        this.lines = lines;
    }

    /** Reads {@code in} to its end, passing on every line; a last line without a newline is passed on too. */
    void pump(InputStream in) throws IOException {
        byte[] buf = new byte[READ_BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    append(buf, from, i - from);
                    lineEnd = readBase + i + 1;
                    endLine();
                    from = i + 1;
                }
            }
            append(buf, from, n - from);
            readBase += n;
        }
        if (length > 0) {
            lineEnd = readBase;
            endLine();
        }
    }

    /**
     * While a line is passed on: the offset in the stream just past it, so whoever follows the same bytes elsewhere
     * (a restarted host reading a detached task's spooled output) can go on after the last line passed on.
     */
    long lineEnd() {
        return lineEnd;
    }

    private void append(byte[] buf, int from, int count) {
        while (count > 0) {
            if (length == MAX_LINE) {
                // only split when more of the line follows, so a line of exactly MAX_LINE bytes stays whole
                emitChunk(readBase + from);
            }
            int take = Math.min(count, MAX_LINE - length);
            if (length + take > line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, length + take)));
            }
            System.arraycopy(buf, from, line, length, take);
            length += take;
            from += take;
            count -= take;
        }
    }

    private void endLine() {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        lines.accept(new String(line, 0, end, StandardCharsets.UTF_8));
        length = 0;
    }

    private void emitChunk(long nextByte) {
        int cut = characterStart();
        lineEnd = nextByte - (MAX_LINE - cut);
        lines.accept(new String(line, 0, cut, StandardCharsets.UTF_8));
        System.arraycopy(line, cut, line, 0, MAX_LINE - cut);
        length = MAX_LINE - cut;
    }

    /** Where to cut a full buffer: before a character whose bytes run past its end, else at the end. */
    private int characterStart() {
        int p = MAX_LINE - 1;
        while (p > MAX_LINE - 4 && (line[p] & 0xC0) == 0x80) {
            p--;
        }
        int lead = line[p] & 0xFF;
        int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return p + size > MAX_LINE ? p : MAX_LINE;
    }
}
