package io.floe.engine.embed;

import java.io.PrintStream;

/**
 * Writes a run's output into one build log: each task output line prefixed with its node, {@code [floe:build] make:
 * nothing to be done}, and the run's own notes with {@code [floe] }. Tasks run in parallel, so each line is written
 * whole, never interleaved with another.
 */
public final class PrefixedLog {
    /** What starts a line about the run rather than from a task. */
    public static final String NOTE = "[floe] ";

    private final PrintStream out;

    public PrefixedLog(PrintStream out) {
        this.out = out;
    }

    /** The prefix of node {@code nodeId}'s lines: {@code [floe:<id>] }. */
    public static String prefix(String nodeId) {
        return "[floe:" + nodeId + "] ";
    }

    /**
     * One output line of a node, prefixed. A text holding line breaks becomes one prefixed line each, so no line of
     * the log appears without its node; a trailing carriage return (a Windows line end) is dropped.
     */
    public static String format(String nodeId, String text) {
        return prefixLines(prefix(nodeId), text);
    }

    /** Writes one output line of node {@code nodeId}. */
    public void line(String nodeId, String text) {
        write(format(nodeId, text));
    }

    /** Writes a line about the run itself, e.g. that it started or ended. */
    public void note(String text) {
        write(prefixLines(NOTE, text));
    }

    private void write(String lines) {
        synchronized (out) {
            out.println(lines);
            out.flush();
        }
    }

    private static String prefixLines(String prefix, String text) {
        String t = text == null ? "" : text;
        StringBuilder b = new StringBuilder(prefix.length() + t.length() + 8);
        int start = 0;
        while (true) {
            int nl = t.indexOf('\n', start);
            String piece = nl < 0 ? t.substring(start) : t.substring(start, nl);
            if (piece.endsWith("\r")) {
                piece = piece.substring(0, piece.length() - 1);
            }
            b.append(prefix).append(piece);
            if (nl < 0 || nl == t.length() - 1) {
                return b.toString();
            }
            b.append(System.lineSeparator());
            start = nl + 1;
        }
    }
}
