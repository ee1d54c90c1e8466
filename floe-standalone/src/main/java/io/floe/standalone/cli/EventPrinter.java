package io.floe.standalone.cli;

import io.floe.engine.event.Event;
import io.floe.engine.event.Tags;
import io.floe.engine.run.RunResult;
import io.floe.standalone.logging.ControlChars;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Prints a run's events for a person at a terminal: one line per event with its time, tag and node, and task output
 * lines indented under their node ({@code   build | compiling…}).
 */
final class EventPrinter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final PrintWriter out;

    EventPrinter(PrintWriter out) {
        this.out = out;
    }

    synchronized void print(Event e) {
        String time = LocalTime.now(ZoneId.systemDefault()).format(TIME);
        String node = e.sourceNode().id();
        if (Tags.SYS_NODE_UPDATE.equals(e.tag()) && e.opts().containsKey("update")) {
            String prefix = time + "   " + node + " | ";
            String pad = " ".repeat(prefix.length());
            // a task's own line breaks continue under its prefix; other control characters are shown, not obeyed
            String[] lines = String.valueOf(e.opts().get("update")).split("\n", -1);
            out.println(prefix + java.util.Arrays.stream(lines).map(EventPrinter::shown)
                    .collect(java.util.stream.Collectors.joining(System.lineSeparator() + pad)));
        } else if (Tags.SYS_NODE_UPDATE.equals(e.tag())) {
            out.printf("%s %-22s %s waits %s%n", time, e.tag(), node, shown(e.opts().get("waits")));
        } else if (Tags.SYS_STATE.equals(e.tag())) {
            out.printf("%s %-22s %s %s%n", time, e.tag(), e.opts().get("action"), e.runRef().run());
        } else if (Tags.SYS_END_ALL.equals(e.tag())) {
            out.printf("%s %-22s run %s ended %s%s%n", time, e.tag(), e.runRef().run(),
                    RunResult.ofEnd(e.good(), e.opts()).wire(),
                    e.opts().containsKey("reason") ? " (" + shown(e.opts().get("reason")) + ")" : "");
        } else if (Tags.SYS_ERROR.equals(e.tag())) {
            out.printf("%s %-22s %s%n", time, e.tag(), shown(e.opts().get("error")));
        } else {
            out.printf("%s %-22s %s%n", time, e.tag(), node);
        }
        out.flush();
    }

    private static String shown(Object value) {
        return ControlChars.escape(String.valueOf(value));
    }
}
