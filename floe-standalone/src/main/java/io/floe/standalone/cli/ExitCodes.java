package io.floe.standalone.cli;

import io.floe.engine.run.RunResult;

/**
 * Exit codes of the floe command. {@code floe run} exits with what its run's result was: 0 good, 1 bad, 3 cancelled
 * (a data node got no values, say), and 128 + the signal's number when Ctrl-C (130) or SIGTERM (143) cancelled it.
 */
public final class ExitCodes {
    /** The run ended good, or the host stopped cleanly. */
    public static final int GOOD = 0;
    /** The run ended bad. */
    public static final int BAD = 1;
    /** The config could not be used, or the command line was wrong. */
    public static final int CONFIG = 2;
    public static final int USAGE = 2;
    /** The run was cancelled, not by a signal. */
    public static final int CANCELLED = 3;

    private ExitCodes() {}

    /** The exit code of {@code floe run} for a run that ended with {@code result}. */
    public static int of(RunResult result) {
        return switch (result) {
            case GOOD -> GOOD;
            case BAD -> BAD;
            case CANCELLED -> CANCELLED;
        };
    }

    /** The exit code for a run cancelled by signal {@code number}, as shells report a process it stopped. */
    public static int signalled(int number) {
        return 128 + number;
    }
}
