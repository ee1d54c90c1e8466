package io.floe.standalone.cli;

/** Exit codes of the floe command. */
public final class ExitCodes {
    /** The run ended good, or the host stopped cleanly. */
    public static final int GOOD = 0;
    /** The run ended bad. */
    public static final int BAD = 1;
    /** The config could not be used, or the command line was wrong. */
    public static final int CONFIG = 2;
    public static final int USAGE = 2;

    private ExitCodes() {}
}
