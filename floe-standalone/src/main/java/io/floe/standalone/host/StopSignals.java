package io.floe.standalone.host;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a request to stop that the host's main thread carries out, so a clean stop ends the
 * process with code 0 (a JVM stopped from a shutdown hook exits 128 + 15 = 143, which service managers read as a
 * failure); a second signal while stopping ends the process at once. SIGUSR2 asks for a planned restart that keeps
 * running tasks (see {@code Floe.closeKeepingTasks}): the host stops the same way, but leaves its tasks running for
 * the next process of this host to reattach. Where the JVM does not let a program handle signals, the caller's
 * shutdown hook still stops the host.
 */
final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final String[] SIGNALS = {"TERM", "INT", "USR2"};
    /** The signal that asks to stop keeping tasks running. */
    static final String KEEP_TASKS = "USR2";

    /** What was asked: the signal's name, e.g. {@code SIGTERM}, and whether running tasks are kept. */
    record Request(String signal, boolean keepTasks) {}

    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile Request received = new Request("", false);

    /** Handles the stop signals from now on; false when the JVM refused (the shutdown hook then does the work). */
    boolean install() {
        try {
            for (String name : SIGNALS) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                    if (requested.getCount() == 0) {
                        // a second Ctrl-C while the host is stopping: the person wants out now
                        Runtime.getRuntime().halt(128 + s.getNumber());
                    }
                    received = new Request("SIG" + s.getName(), KEEP_TASKS.equals(s.getName()));
                    requested.countDown();
                });
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            log.debug("stop signals are left to the JVM's shutdown hooks", e);
            return false;
        }
    }

    /** Waits until a stop signal came; what it asks. */
    Request await() throws InterruptedException {
        requested.await();
        return received;
    }
}
