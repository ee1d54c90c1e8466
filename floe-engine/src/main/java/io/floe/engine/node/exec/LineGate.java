package io.floe.engine.node.exec;

import io.floe.engine.spi.OutputSink;

/**
 * Passes output lines on until closed, then drops them: once a task has reported its end, a straggling reader must
 * not add lines after the final status line.
 */
final class LineGate implements OutputSink {
    private final OutputSink out;
    private boolean closed;
    private java.util.function.LongSupplier position = () -> 0;
    private long passed;

    LineGate(OutputSink out) {
        this.out = out;
    }

    @Override
    public synchronized void line(String line) {
        if (!closed) {
            out.line(line);
            passed = position.getAsLong();
        }
    }

    /** Where in the output each line passed on ends (see {@link OutputLines#lineEnd()}). */
    void trackPosition(java.util.function.LongSupplier p) {
        this.position = p;
    }

    /** Closes as {@link #close()}; the position just past the last line passed on, or -1 if it was closed already. */
    synchronized long closeAtPosition() {
        if (closed) {
            return -1;
        }
        closed = true;
        return passed;
    }

    /** Waits for a line being passed on, then drops every later one; false when it was closed already. */
    synchronized boolean close() {
        boolean wasOpen = !closed;
        closed = true;
        return wasOpen;
    }
}
