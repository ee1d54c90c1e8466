package io.floe.engine.embed;

import io.floe.engine.event.Event;
import io.floe.engine.event.Tags;

/**
 * Turns a run's events into build log lines: each task's output with its node's prefix, and a note when a task
 * starts and ends, when a data node waits for input, and when something went wrong.
 */
final class RunConsole {
    private final PrefixedLog log;
    private final String dataHint;

    RunConsole(PrefixedLog log, String dataHint) {
        this.log = log;
        this.dataHint = dataHint;
    }

    void show(Event e) {
        String node = e.sourceNode().id();
        String tag = e.tag();
        if (Tags.SYS_NODE_UPDATE.equals(tag) && e.opts().get("update") instanceof String line) {
            log.line(node, line);
        } else if (Tags.SYS_NODE_START.equals(tag)) {
            log.note("task " + node + " started");
        } else if (Tags.SYS_DATA_REQUIRED.equals(tag)) {
            log.note("data node " + node + " is waiting for input" + (dataHint.isEmpty() ? "" : ": " + dataHint));
        } else if (Tags.SYS_ERROR.equals(tag)) {
            log.note("error: " + e.opts().get("error"));
        } else if (tag.startsWith("task." + node + ".") && !node.isEmpty()) {
            log.note("task " + node + " emitted " + tag);
        }
    }
}
