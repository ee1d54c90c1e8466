package io.floe.bench;

import java.io.PrintStream;

/** Prints the figures as they are measured: one block per figure, lines of {@code name: value}. */
public final class Report {
    private final PrintStream out;

    public Report(PrintStream out) {
        this.out = out;
    }

    public void figure(String title) {
        out.println();
        out.println("## " + title);
        out.flush();
    }

    public void line(String name, String value) {
        out.println("- " + name + ": " + value);
        out.flush();
    }

    public void note(String text) {
        out.println("  " + text);
        out.flush();
    }
}
