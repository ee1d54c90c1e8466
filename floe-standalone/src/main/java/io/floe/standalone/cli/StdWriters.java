package io.floe.standalone.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Runs a command with writers on the standard output and error (the console's encoding, flushed at each line); its
 * exit code, or 1 with the stack trace on stderr when it throws.
 */
final class StdWriters {
    /** A command's work, printing to {@code out} and {@code err}. */
    interface Command {
        int call(PrintWriter out, PrintWriter err) throws Exception;
    }

    private StdWriters() {}

    static int call(Command command) {
        PrintWriter out = writer(System.out, System.getProperty("sun.stdout.encoding"));
        PrintWriter err = writer(System.err, System.getProperty("sun.stderr.encoding"));
        try {
            return command.call(out, err);
        } catch (Exception e) {
            e.printStackTrace(err);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static PrintWriter writer(OutputStream stream, String encoding) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset(encoding))), true);
    }

    /** The JVM's console encoding when it has one (cp65001 is UTF-8), else the default. */
    private static Charset charset(String name) {
        if (name == null) {
            return Charset.defaultCharset();
        }
        try {
            return Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
