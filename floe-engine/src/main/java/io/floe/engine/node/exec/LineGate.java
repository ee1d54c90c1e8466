package io.floe.engine.node.exec;

import io.floe.engine.node.OutputSink;

/**
 * Passes output lines on until closed, then drops them: once a task has reported its end, a straggling reader must
 * not add lines after the final status line.
 */
final class LineGate implements OutputSink {
    private final OutputSink out;
    private boolean closed;

    LineGate(OutputSink out) {
        this.out = out;
    }

    @Override
    public synchronized void line(String line) {
        if (!closed) {
            out.line(line);
        }
    }

    /** Waits for a line being passed on, then drops every later one; false when it was closed already. */
    synchronized boolean close() {
        boolean wasOpen = !closed;
        closed = true;
        return wasOpen;
    }
}
