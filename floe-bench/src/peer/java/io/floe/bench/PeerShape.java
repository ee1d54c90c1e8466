package io.floe.bench;

import java.io.IOException;

/**
 * The shape both engines of figure 13 run: a start (floe's trigger, BPMN's start event), three tasks in parallel, a
 * join of all three, an end. What the three tasks do is the {@link Work}.
 */
interface PeerShape extends AutoCloseable {
    /** What each of the three tasks does. */
    enum Work {
        /** Nothing: succeeds at once, so what is measured is the engine. */
        NOOP("noop3"),
        /** Starts {@code /bin/true} and waits for it, through the engine's own way of starting a process. */
        EXEC("exec3");

        /** The flow's (process definition's) id. */
        final String flow;

        Work(String flow) {
            this.flow = flow;
        }
    }

    /** One run of the shape with {@code work}, returning when it has ended; a run that did not end well throws. */
    ClosedLoop.Run run(Work work);

    /** Stops the engine and deletes its files. */
    @Override
    void close() throws IOException;
}
