package io.floe.engine.spi;

/** Where a task writes its output, one line at a time (without the newline); each line is logged and published. */
@FunctionalInterface
public interface OutputSink {
    void line(String line);
}
